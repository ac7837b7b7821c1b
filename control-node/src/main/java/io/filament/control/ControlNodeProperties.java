package io.filament.control;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code filament.control-node.*}.
 *
 * @param name             this control node's name in status records
 * @param xmppAddress      XMPP listen address (TF: 5269)
 * @param xmppPort         XMPP port
 * @param domain           XMPP domain
 * @param tlsOffered       offer STARTTLS
 * @param tlsRequired      require STARTTLS before SASL
 * @param tlsCertificate   PEM certificate; none: a self-signed one is generated at start
 * @param tlsKey           PEM key of the certificate
 * @param anonymousAllowed offer SASL ANONYMOUS
 * @param holdTime         XMPP hold time (keepalives every third of it)
 * @param secretsFile      {@code hostname:password} per line, re-read on change
 * @param maxStanzaBytes   largest stanza accepted
 * @param maxDepth         deepest element nesting in a stanza
 * @param maxSubscriptions routing-instance subscriptions per agent
 * @param maxPaths         paths one agent may publish
 * @param endOfRibDelay    quiet time after an agent's last subscribe before End-of-RIB is sent
 * @param gracefulRestartTime how long the paths of an agent whose session was lost are kept (stale) for it to
 *                         come back, re-publish and send End-of-RIB (TF: {@code graceful_restart_time}); 0 disables
 * @param workerThreads    XMPP event-loop threads
 * @param kafkaBootstrapServers Kafka; when empty the node runs without the config and desired topics
 * @param configTopic      config snapshots
 * @param desiredTopic     desired state
 * @param statusTopic      status records
 * @param statusPeriod     how often status records are published
 */
@ConfigurationProperties("filament.control-node")
public record ControlNodeProperties(
        @DefaultValue("control-node-1") String name,
        @DefaultValue("127.0.0.1") String xmppAddress,
        @DefaultValue("5269") int xmppPort,
        @DefaultValue("contrailsystems.com") String domain,
        @DefaultValue("true") boolean tlsOffered,
        @DefaultValue("false") boolean tlsRequired,
        Optional<Path> tlsCertificate,
        Optional<Path> tlsKey,
        @DefaultValue("false") boolean anonymousAllowed,
        @DefaultValue("90s") Duration holdTime,
        @DefaultValue("var/secrets/xmpp-agents") Path secretsFile,
        @DefaultValue("262144") int maxStanzaBytes,
        @DefaultValue("24") int maxDepth,
        @DefaultValue("4096") int maxSubscriptions,
        @DefaultValue("65536") int maxPaths,
        @DefaultValue("1s") Duration endOfRibDelay,
        @DefaultValue("60s") Duration gracefulRestartTime,
        @DefaultValue("2") int workerThreads,
        @DefaultValue("") String kafkaBootstrapServers,
        @DefaultValue("filament.config.v1") String configTopic,
        @DefaultValue("filament.desired.v1") String desiredTopic,
        @DefaultValue("filament.status.v1") String statusTopic,
        @DefaultValue("10s") Duration statusPeriod) {

    public ControlNodeProperties {
        tlsCertificate = tlsCertificate == null ? Optional.empty() : tlsCertificate;
        tlsKey = tlsKey == null ? Optional.empty() : tlsKey;
    }
}
