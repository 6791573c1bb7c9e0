-- When the mailer may next try an unsent e-mail notification. Set when a process claims a row (a
-- lease, so two processes never send the same message) and after a failure (the back-off); null =
-- as soon as possible.
ALTER TABLE notifications ADD COLUMN next_attempt_at timestamptz;
CREATE INDEX notifications_email_due_idx ON notifications (next_attempt_at, created_at)
  WHERE channel = 'email' AND sent_at IS NULL;
