package io.filament.control;

import io.filament.control.desired.DesiredStateApplier;
import io.filament.control.kafka.CompactedTopicFollower;
import io.filament.control.kafka.ConfigTopicHandler;
import io.filament.control.kafka.DesiredTopicHandler;
import io.filament.control.status.ControlNodeMetrics;
import io.filament.control.status.StatusPublisher;
import io.filament.control.xmpp.peer.PeerLimits;
import io.filament.control.xmpp.session.SessionSettings;
import io.filament.control.xmpp.wire.StanzaLimits;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.InetSocketAddress;
import java.time.Clock;

/** Builds the control node from {@link ControlNodeProperties} and binds it to Kafka, status and metrics. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ControlNodeProperties.class)
class ControlNodeConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "close")
    ControlNode controlNode(ControlNodeProperties p, Clock clock) throws Exception {
        return ControlNode.start(new ControlNode.Settings(new InetSocketAddress(p.xmppAddress(), p.xmppPort()),
                new SessionSettings(p.domain(), p.tlsOffered(), p.tlsRequired(), p.anonymousAllowed(), p.holdTime()),
                new StanzaLimits(p.maxStanzaBytes(), p.maxDepth()), new PeerLimits(p.maxSubscriptions(), p.maxPaths()),
                p.secretsFile(), p.tlsCertificate().map(java.nio.file.Path::toFile), p.tlsKey().map(java.nio.file.Path::toFile),
                p.endOfRibDelay(), p.gracefulRestartTime(), p.workerThreads()), clock);
    }

    @Bean
    ControlNodeMetrics controlNodeMetrics(ControlNode node) {
        return new ControlNodeMetrics(node);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("!'${filament.control-node.kafka-bootstrap-servers:}'.isEmpty()")
    CompactedTopicFollower configFollower(ControlNodeProperties p, ControlNode node) {
        return new CompactedTopicFollower(p.kafkaBootstrapServers(), p.configTopic(), new ConfigTopicHandler(node.config())).start();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("!'${filament.control-node.kafka-bootstrap-servers:}'.isEmpty()")
    CompactedTopicFollower desiredFollower(ControlNodeProperties p, ControlNode node) {
        return new CompactedTopicFollower(p.kafkaBootstrapServers(), p.desiredTopic(),
                new DesiredTopicHandler(new DesiredStateApplier(node.rib(), node.config()))).start();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("!'${filament.control-node.kafka-bootstrap-servers:}'.isEmpty()")
    StatusPublisher statusPublisher(ControlNodeProperties p, ControlNode node, Clock clock) {
        return new StatusPublisher(node, p.name(), p.xmppAddress(), p.kafkaBootstrapServers(), p.statusTopic(), clock)
                .start(p.statusPeriod());
    }
}
