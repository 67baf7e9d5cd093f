SELECT type || ' ' || name || ' ' || coalesce(sql, '-') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name;
SELECT 'version ' || version_num FROM alembic_version ORDER BY 1;
