-- The seq of the agent state the row holds (session.state's seq, issue 17): a state with a lower one arrived late and
-- is not recorded over a newer one. NULL for a gateway that sends none. Written by hand in drizzle-kit's form, like 0007.
ALTER TABLE `sessions` ADD `agent_state_seq` integer;
