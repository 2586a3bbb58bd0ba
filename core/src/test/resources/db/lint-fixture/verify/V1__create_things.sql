-- not linted: verify scripts run in a rolled-back transaction
DROP TABLE ${schema}.things;
