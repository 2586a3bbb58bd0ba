DROP TABLE ${schema}.things;
