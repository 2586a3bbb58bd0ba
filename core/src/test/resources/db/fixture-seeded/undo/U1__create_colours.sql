DROP TABLE colours;
