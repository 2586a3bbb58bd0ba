-- Phase 3: appointments and video sessions (both depend on partners and users).
-- Module addition (defect 3): BEFORE UPDATE triggers keep updated_at current, using the platform's
-- shared set_updated_at().

SET LOCAL lock_timeout = '1s'; -- give up (and roll back) rather than queue reads and writes behind a lock held elsewhere

CREATE TABLE appointments (
    id               serial       NOT NULL,
    partner_id       integer      NOT NULL,
    user_id          integer      NOT NULL,
    title            varchar(255) NOT NULL,
    appointment_date timestamp    NOT NULL,
    end_date         timestamp    NOT NULL,
    duration_minutes integer      DEFAULT 60,
    status           varchar(20)  DEFAULT 'scheduled',
    notes            text,
    created_at       timestamp    DEFAULT CURRENT_TIMESTAMP,
    updated_at       timestamp    DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT appointments_pkey PRIMARY KEY (id),
    CONSTRAINT appointments_status_check CHECK (status IN ('scheduled', 'completed', 'cancelled')),
    CONSTRAINT appointments_partner_id_fkey FOREIGN KEY (partner_id) REFERENCES partners (id) ON DELETE CASCADE,
    CONSTRAINT appointments_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX idx_appointments_partner ON appointments (partner_id);
CREATE INDEX idx_appointments_user ON appointments (user_id);
CREATE INDEX idx_appointments_date ON appointments (appointment_date);
CREATE INDEX idx_appointments_status ON appointments (status);

CREATE TRIGGER trigger_update_appointments_updated_at
    BEFORE UPDATE ON appointments
    FOR EACH ROW EXECUTE FUNCTION ${schema.platform}.set_updated_at();

COMMENT ON TABLE appointments IS 'Appointments between a partner and a user; independent of therapy sessions.';
COMMENT ON COLUMN appointments.status IS 'scheduled, completed or cancelled.';
COMMENT ON COLUMN appointments.updated_at IS 'Last modification; kept current by trigger_update_appointments_updated_at.';

CREATE TABLE video_sessions (
    id               serial       NOT NULL,
    partner_id       integer      NOT NULL,
    user_id          integer      NOT NULL,
    title            varchar(255) NOT NULL,
    session_date     timestamp    NOT NULL,
    end_date         timestamp    NOT NULL,
    duration_minutes integer      DEFAULT 60,
    meeting_room_id  varchar(255) NOT NULL,
    password         varchar(255),
    password_enabled boolean      DEFAULT true,
    status           varchar(20)  DEFAULT 'scheduled',
    notes            text,
    created_at       timestamp    DEFAULT CURRENT_TIMESTAMP,
    updated_at       timestamp    DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT video_sessions_pkey PRIMARY KEY (id),
    CONSTRAINT video_sessions_meeting_room_id_key UNIQUE (meeting_room_id),
    CONSTRAINT video_sessions_status_check CHECK (status IN ('scheduled', 'in_progress', 'completed', 'cancelled')),
    CONSTRAINT video_sessions_partner_id_fkey FOREIGN KEY (partner_id) REFERENCES partners (id) ON DELETE CASCADE,
    CONSTRAINT video_sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX idx_video_sessions_partner ON video_sessions (partner_id);
CREATE INDEX idx_video_sessions_user ON video_sessions (user_id);
CREATE INDEX idx_video_sessions_date ON video_sessions (session_date);
CREATE INDEX idx_video_sessions_status ON video_sessions (status);
-- Duplicates video_sessions_meeting_room_id_key; kept for name parity with the application.
CREATE INDEX idx_video_sessions_meeting_room ON video_sessions (meeting_room_id);
CREATE INDEX idx_video_sessions_partner_user ON video_sessions (partner_id, user_id);

CREATE TRIGGER trigger_update_video_sessions_updated_at
    BEFORE UPDATE ON video_sessions
    FOR EACH ROW EXECUTE FUNCTION ${schema.platform}.set_updated_at();

COMMENT ON TABLE video_sessions IS 'Video meetings between a partner and a user (one Jitsi room per session).';
COMMENT ON COLUMN video_sessions.meeting_room_id IS 'Unique Jitsi meeting room identifier.';
COMMENT ON COLUMN video_sessions.password IS 'Hashed meeting room password.';
COMMENT ON COLUMN video_sessions.password_enabled IS 'Whether the meeting room requires the password.';
COMMENT ON COLUMN video_sessions.status IS 'scheduled, in_progress, completed or cancelled.';
COMMENT ON COLUMN video_sessions.updated_at IS 'Last modification; kept current by trigger_update_video_sessions_updated_at.';
