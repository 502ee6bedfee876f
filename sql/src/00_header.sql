-- geospectra 0.1 install script, assembled by the Makefile from sql/src/*.sql.

\echo Use "CREATE EXTENSION geospectra" to load this file. \quit
