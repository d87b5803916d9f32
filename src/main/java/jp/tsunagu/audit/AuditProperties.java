package jp.tsunagu.audit;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The access log's settings.
 *
 * @param retention how long rows are kept (default six years) before the nightly purge removes them
 * @param keyFile the chain's MAC keys, outside the database ({@link ChainKeys}); the demo mode creates
 *     one at first start, the production mode refuses to start without it
 * @param checkpointDirectory where the signed chain heads are written ({@link ChainCheckpoints}); put it
 *     where the database's owner cannot write (another host, a write-once bucket, a log shipper)
 * @param checkpointInterval how often the newest chain head is written there; rows newer than the last
 *     checkpoint are what an owner could still remove unseen
 */
@ConfigurationProperties("tsunagu.audit")
public record AuditProperties(
        @DefaultValue("6y") Period retention,
        @DefaultValue("data/audit/chain.key") Path keyFile,
        @DefaultValue("data/audit/checkpoints") Path checkpointDirectory,
        @DefaultValue("5m") Duration checkpointInterval) {
}
