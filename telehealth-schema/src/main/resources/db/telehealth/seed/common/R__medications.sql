-- Reference data (every environment): the medication catalogue, keyed by name.
-- Idempotent: catalogue fields of an existing row are brought in line (only when they differ, so a
-- re-run changes nothing); stock, activity and image are run-time data and are not touched.
WITH catalogue (name, generic_name, brand_name, category, available_dosages, base_price, description) AS (
    VALUES
        ('Sildenafil', 'Sildenafil Citrate', 'Viagra®', 'ED',
         '[{"strength": "20mg", "form": "tablet"}, {"strength": "50mg", "form": "tablet"}, {"strength": "100mg", "form": "tablet"}]'::jsonb,
         30.00, 'Treatment for erectile dysfunction'),
        ('Finasteride', 'Finasteride', 'Propecia®', 'Hair Loss',
         '[{"strength": "1mg", "form": "tablet"}]'::jsonb,
         25.00, 'Treatment for male pattern hair loss'),
        ('Minoxidil', 'Minoxidil', 'Rogaine®', 'Hair Loss',
         '[{"strength": "5%", "form": "solution"}]'::jsonb,
         35.00, 'Topical treatment for hair loss')
), updated AS (
    UPDATE medications m
       SET generic_name = c.generic_name, brand_name = c.brand_name, category = c.category,
           available_dosages = c.available_dosages, base_price = c.base_price, description = c.description
      FROM catalogue c
     WHERE m.name = c.name
       AND (m.generic_name, m.brand_name, m.category, m.available_dosages, m.base_price, m.description)
           IS DISTINCT FROM (c.generic_name, c.brand_name, c.category, c.available_dosages, c.base_price, c.description)
    RETURNING m.name
)
INSERT INTO medications (name, generic_name, brand_name, category, available_dosages, base_price, description)
SELECT c.name, c.generic_name, c.brand_name, c.category, c.available_dosages, c.base_price, c.description
  FROM catalogue c
 WHERE NOT EXISTS (SELECT 1 FROM medications m WHERE m.name = c.name);
