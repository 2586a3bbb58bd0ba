-- Reference data (every environment): the partner pharmacy, keyed by name. Its API key is NOT seeded:
-- set it per environment with set_pharmacy_api_key(id, key[, secret]) (stored PGP-encrypted).
-- Idempotent: inserted when missing, contact data brought in line only when it differs.
WITH partner (name, api_endpoint, email, states_serviced) AS (
    VALUES ('TeleHealth Pharmacy Partners', 'https://api.pharmacy-partner.com/v1', 'fulfillment@pharmacy-partner.com',
            ARRAY['CA', 'NY', 'TX', 'FL', 'IL', 'PA', 'OH', 'GA', 'NC', 'MI'])
), updated AS (
    UPDATE pharmacies p
       SET api_endpoint = x.api_endpoint, email = x.email, states_serviced = x.states_serviced
      FROM partner x
     WHERE p.name = x.name
       AND (p.api_endpoint, p.email, p.states_serviced) IS DISTINCT FROM (x.api_endpoint, x.email, x.states_serviced)
    RETURNING p.name
)
INSERT INTO pharmacies (name, api_endpoint, email, states_serviced, active, preferred)
SELECT x.name, x.api_endpoint, x.email, x.states_serviced, true, true
  FROM partner x
 WHERE NOT EXISTS (SELECT 1 FROM pharmacies p WHERE p.name = x.name);
