-- Phase 6: therapy sessions (appointments, partners, users, video_sessions).
-- appointment_id is ON DELETE SET NULL: the first version of the application's script cascaded,
-- which destroyed clinical notes with the appointment (defect 9).

SET LOCAL lock_timeout = '1s'; -- give up (and roll back) rather than queue reads and writes behind a lock held elsewhere

CREATE TABLE therapy_sessions (
    id               serial       NOT NULL,
    appointment_id   integer,
    partner_id       integer      NOT NULL,
    user_id          integer      NOT NULL,
    session_title    varchar(255) NOT NULL,
    session_notes    text,
    payment_notes    text,
    created_at       timestamp    DEFAULT CURRENT_TIMESTAMP,
    updated_at       timestamp    DEFAULT CURRENT_TIMESTAMP,
    session_date     timestamp    NOT NULL,
    session_duration integer,
    video_session_id integer,
    CONSTRAINT therapy_sessions_pkey PRIMARY KEY (id),
    CONSTRAINT therapy_sessions_appointment_id_fkey FOREIGN KEY (appointment_id)
        REFERENCES appointments (id) ON DELETE SET NULL,
    CONSTRAINT therapy_sessions_partner_id_fkey FOREIGN KEY (partner_id) REFERENCES partners (id) ON DELETE CASCADE,
    CONSTRAINT therapy_sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT therapy_sessions_video_session_id_fkey FOREIGN KEY (video_session_id)
        REFERENCES video_sessions (id) ON DELETE SET NULL
);
CREATE INDEX idx_therapy_sessions_appointment ON therapy_sessions (appointment_id);
CREATE INDEX idx_therapy_sessions_partner ON therapy_sessions (partner_id);
CREATE INDEX idx_therapy_sessions_user ON therapy_sessions (user_id);
CREATE INDEX idx_therapy_sessions_created ON therapy_sessions (created_at);
CREATE INDEX idx_therapy_sessions_video_session ON therapy_sessions (video_session_id);
-- At most one therapy session per appointment; any number without an appointment.
CREATE UNIQUE INDEX idx_therapy_sessions_unique_appointment ON therapy_sessions (appointment_id)
    WHERE appointment_id IS NOT NULL;

CREATE TRIGGER trigger_update_therapy_sessions_updated_at
    BEFORE UPDATE ON therapy_sessions
    FOR EACH ROW EXECUTE FUNCTION ${schema.platform}.set_updated_at();

COMMENT ON TABLE therapy_sessions IS 'Therapy session records, optionally created from an appointment or a video session.';
COMMENT ON COLUMN therapy_sessions.id IS 'Session id.';
COMMENT ON COLUMN therapy_sessions.appointment_id IS 'Appointment the session came from (at most one session per appointment); set to NULL when the appointment is deleted, the session remains.';
COMMENT ON COLUMN therapy_sessions.partner_id IS 'Partner (therapist) who held the session.';
COMMENT ON COLUMN therapy_sessions.user_id IS 'User (client) the session was held with.';
COMMENT ON COLUMN therapy_sessions.session_title IS 'Title of the session.';
COMMENT ON COLUMN therapy_sessions.session_notes IS 'Clinical notes of the session.';
COMMENT ON COLUMN therapy_sessions.payment_notes IS 'Payment notes of the session.';
COMMENT ON COLUMN therapy_sessions.created_at IS 'When the record was created.';
COMMENT ON COLUMN therapy_sessions.updated_at IS 'Last modification; kept current by trigger_update_therapy_sessions_updated_at.';
COMMENT ON COLUMN therapy_sessions.session_date IS 'Date and time of the session, independent of the appointment.';
COMMENT ON COLUMN therapy_sessions.session_duration IS 'Duration of the session in minutes.';
COMMENT ON COLUMN therapy_sessions.video_session_id IS 'Video session the session came from; set to NULL when the video session is deleted.';
