"""Every rule about certificates, one module per capability:

- issuing: issue for a pass, revoke, reissue;
- rendering: the PDF, rendered in the background and rebuilt on demand;
- access: who may download which certificate, and what the public check shows;
- overview: the learner's My training page;
- reminders: the emails before and on expiry;
- bulk_downloads: ZIP downloads for coordinators and organisation managers.

Views, tasks, the admin and the quiz signal call these functions; none of them writes a
certificate another way.
"""
