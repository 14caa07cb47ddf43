// Answers of the cases API, shaped like the server's, for the view tests.

export const NOW = new Date('2026-11-28T06:00:00Z'); // Saturday 7 Azar 1405, 09:30 in Tehran

const court = {
  complex: 'مجتمع قضایی شهید مفتح',
  court: 'دادگاه عمومی حقوقی همدان',
  branch: 'شعبه ۳۴',
  address: 'همدان، خیابان بوعلی',
  city: 'همدان',
  province: 'همدان',
};

export const SUMMARY = {
  id: 'c-000001',
  case_number: '1405151842000001',
  archive_number: '0532812',
  tracking_code: '14057497353331',
  subject: 'check_complaint',
  title: 'شکایت صدور چک بلامحل',
  role: 'complainant',
  status: 'in_progress',
  court,
  next_hearing: { id: 'h-2', starts_at: '2026-12-01T05:00:00Z' },
  last_change_at: '2026-11-09T07:30:00Z',
  accepts_briefs: true,
};

export const CLOSED = {
  ...SUMMARY,
  id: 'c-000006',
  case_number: '1405151842000006',
  subject: 'mahr_claim',
  title: 'مطالبه مهریه',
  role: 'defendant',
  status: 'closed',
  next_hearing: null,
  accepts_briefs: false,
};

export const CASES = { stale: false, fetched_at: '2026-11-28T05:59:00Z', cases: [SUMMARY, CLOSED] };

export const DETAIL = {
  ...SUMMARY,
  stale: false,
  fetched_at: '2026-11-28T05:59:00Z',
  parties: [
    { name: 'عاطفه رحیمی', role: 'complainant', is_you: true },
    { name: 'راضیه صادقی', role: 'accused', is_you: false },
  ],
  timeline: [
    { id: 't1', type: 'registered', at: '2026-09-23T08:10:00Z', title: 'ثبت شکوائیه' },
    { id: 't2', type: 'referred', at: '2026-09-26T10:10:00Z', title: 'ارجاع به شعبه' },
    { id: 't3', type: 'hearing_held', at: '2026-11-07T06:30:00Z', title: 'برگزاری جلسه' },
  ],
  hearings: [
    {
      id: 'h-1', case_id: 'c-000001', starts_at: '2026-11-07T06:00:00Z', ends_at: '2026-11-07T06:30:00Z',
      status: 'held', version: 1, branch: 'شعبه ۳۴', address: 'همدان', room: 'اتاق ۳۲۳',
    },
    {
      id: 'h-2', case_id: 'c-000001', starts_at: '2026-12-01T05:00:00Z', ends_at: '2026-12-01T05:30:00Z',
      status: 'scheduled', version: 2, branch: 'شعبه ۳۴', address: 'همدان', room: 'اتاق ۲۴۳',
    },
  ],
};

export const HEARINGS = {
  stale: false,
  fetched_at: '2026-11-28T05:59:00Z',
  hearings: [
    { ...DETAIL.hearings[1], case_number: SUMMARY.case_number, title: SUMMARY.title },
    {
      id: 'h-3', case_id: 'c-000004', starts_at: '2026-12-01T08:00:00Z', ends_at: '2026-12-01T08:30:00Z',
      status: 'cancelled', version: 2, branch: 'شعبه ۹۳', address: 'کرج', room: 'اتاق ۴۴۴',
      case_number: '1405118547000004', title: 'مطالبه خسارت',
    },
    {
      id: 'h-4', case_id: 'c-000002', starts_at: '2026-12-14T06:30:00Z', ends_at: '2026-12-14T07:00:00Z',
      status: 'scheduled', version: 1, branch: 'شعبه ۲۶', address: 'کرج', room: 'اتاق ۳۹۸',
      case_number: '1405118538000002', title: 'مطالبه مهریه',
    },
  ],
};
