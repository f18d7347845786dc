-- Opt-in (issue 17): power the server off after this many hours with no working agent, no viewer and no terminal
-- activity; NULL when off. Written by hand in drizzle-kit's form, like 0007.
ALTER TABLE `vps` ADD `auto_power_off_hours` integer;
