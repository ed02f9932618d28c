-- A story's canonical address is compared as https: and without www. (the poller's canonicalUrl);
-- stories stored before are keyed the same way, so their own feed and the others find them.
UPDATE "stories" SET "canonical_url" = regexp_replace("canonical_url", '^https?://(www\.(?=[^/:@]*\.))?', 'https://')
WHERE "canonical_url" ~ '^(http://|https://www\.[^/:@]*\.)';
