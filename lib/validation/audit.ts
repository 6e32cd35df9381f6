import { q } from "./query";

/** The audit trail's filters, shared by the review page and its CSV export. Dates are UTC calendar days. */
export const auditQuery = {
  entityType: q.text(64),
  entityId: q.text(64),
  actorId: q.id("User"),
  from: q.date("From date", { max: "today" }),
  to: q.date("To date", { maxYearsAhead: 1 }),
  page: q.page(),
};
