-- How far outside its municipality's boundary a report lies, in whole metres; null when inside.
-- SCB's generalised boundaries are coarse (Alingsås: 37 vertices), so a point within the
-- deployment's tolerance (BOUNDARY_TOLERANCE_M, default 200 m) is accepted and flagged with this
-- rather than refused; a coordinator can see which reports lean on the tolerance.
ALTER TABLE incidents ADD COLUMN outside_boundary_m integer CHECK (outside_boundary_m > 0);
