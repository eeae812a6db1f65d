"""Pages of the petitions app, one module per area (the app is big enough that one views.py would be
several thousand lines). Each module lists its own routes in `URLS`; urls.py and public_urls.py join them.

- staff: the list, one petition's page, classification, attachments, sectors
- intake: paper forms typed in, Excel summaries imported
- groups: grouping, duplicate suggestions, merge and split
- answers: assignment, drafts, approval, answers at the conference, referral, the parent unit's inbox
- summary: the Front's summary per conference, supervision
- public: the online form, tracking by code, the citizen's word on the answer (no sign-in)
"""
