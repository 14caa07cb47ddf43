"""Visit booking (نوبت‌دهی): the calendars of offices and court branches, and citizens' bookings.

`calendar` knows which slots a place publishes (data and the holiday table), `state` holds the bookings
under the store's lock, `bookings` changes them and announces the changes on the event feed, `routes`
and `control` are the core API and the control API over them.
"""
