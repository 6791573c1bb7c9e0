/**
 * SQL for "user u works in municipality $n": its home, a municipality it was granted, or one its
 * organisation works in (the police area). Notifications and e-mail to "the coordinators of
 * Vårgårda" reach all of them.
 */
export const userReaches = (n: number) => `(u.municipality_id = $${n}
  OR EXISTS (SELECT 1 FROM user_municipality_grants g WHERE g.user_id = u.id AND g.municipality_id = $${n})
  OR EXISTS (SELECT 1 FROM organisation_municipalities om WHERE om.organisation_id = u.organisation_id AND om.municipality_id = $${n}))`;
