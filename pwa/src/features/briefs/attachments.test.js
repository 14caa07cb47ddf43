import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, checkLimits, countedLength, fitWithin, prepareAttachment, renamed } from './attachments.js';

function fakeFile(size, name = 'a.pdf') {
  return { name, blob: { size } };
}

describe('photos are made smaller on the device', () => {
  it('scales the long side down to 2,000 px, keeping the shape', () => {
    expect(fitWithin(4000, 3000)).toEqual({ width: 2000, height: 1500 });
    expect(fitWithin(1200, 4800)).toEqual({ width: 500, height: 2000 });
  });

  it('never enlarges', () => {
    expect(fitWithin(1600, 900)).toEqual({ width: 1600, height: 900 });
    expect(fitWithin(2000, 2000)).toEqual({ width: 2000, height: 2000 });
  });
});

describe('names', () => {
  it('take the extension of what the file became', () => {
    expect(renamed('IMG_0001.HEIC', 'image/jpeg')).toBe('IMG_0001.jpg');
    expect(renamed('scan.png', 'image/png')).toBe('scan.png');
    expect(renamed('لایحه', 'application/pdf')).toBe('لایحه.pdf');
    expect(renamed('', 'image/jpeg')).toBe('attachment.jpg');
  });
});

describe('attaching', () => {
  it('keeps a PDF as it is', async () => {
    const file = new File(['%PDF-1.7'], 'doc.pdf', { type: 'application/pdf' });
    const prepared = await prepareAttachment(file);
    expect(prepared).toEqual({ name: 'doc.pdf', type: 'application/pdf', blob: file });
  });

  it('refuses what is neither a PDF nor an image', async () => {
    const file = new File(['hello'], 'notes.txt', { type: 'text/plain' });
    await expect(prepareAttachment(file)).rejects.toThrow('not_accepted');
  });

  it('checks the limits before the upload does', () => {
    expect(checkLimits([], fakeFile(1000))).toBeNull();
    expect(checkLimits([], fakeFile(MAX_FILE_BYTES + 1, 'big.pdf')).key).toBe('briefs.editor.too_large');
    const ten = Array.from({ length: 10 }, () => fakeFile(10));
    expect(checkLimits(ten, fakeFile(10)).key).toBe('briefs.editor.too_many');
    const heavy = [fakeFile(9 * 1048576), fakeFile(9 * 1048576)];
    expect(checkLimits(heavy, fakeFile(8 * 1048576)).key).toBe('briefs.editor.total_too_large');
  });
});

describe('the character count', () => {
  it('counts what the server will count, after the Persian normalisation', () => {
    expect(countedLength('بِسمِ')).toBe(3);
    expect(countedLength('الــــله')).toBe(4);
    expect(countedLength('خط\r\nدوم')).toBe(6);
  });
});
