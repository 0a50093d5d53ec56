"""Every rule about coverage and organisations, one module per capability:

- coverage: the dashboard's figures, drill-downs and the not-reached list;
- staff: an organisation's people and their status;
- access: who may see which organisation and correct which in-person session;
- downloads: organisation managers' ZIPs of their staff's certificates;
- membership: joining with an invite code, and matching typed employers to the directory;
- outcomes: reports made after the training (date and channel only), their figures and the
  minimum cell size.

Views, reports and commands call these functions; nothing here queries per row.
"""
