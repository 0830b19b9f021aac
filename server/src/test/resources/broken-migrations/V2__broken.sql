CREATE TABLE broken (id int PRIMARY KEY,;
