package io.filament.agent.runtime;

import io.filament.agent.config.AgentProperties;
import io.filament.agent.config.ControlNodeAddress;
import io.filament.agent.dataplane.DataplaneProgrammer;
import io.filament.agent.dataplane.wire.DataplaneReply;
import io.filament.agent.dhcp.server.DhcpResponder;
import io.filament.agent.dhcp.server.DhcpServer;
import io.filament.agent.status.GuardedPublisher;
import io.filament.agent.status.StatusReporter;
import io.filament.agent.oper.Allocations;
import io.filament.agent.oper.OperTablesBuilder;
import io.filament.agent.port.Port;
import io.filament.agent.port.PortRegistry;
import io.filament.agent.xmpp.session.ControlNodeSession;
import io.filament.contracts.xmpp.TunnelEncapsulation;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.Set;

@Configuration(proxyBeanMethods = false)
class AgentConfiguration {

    /** What the dataplane implements: MPLS over UDP and VXLAN (no GRE). */
    static final Set<TunnelEncapsulation> DATAPLANE_ENCAPSULATIONS = Set.of(TunnelEncapsulation.UDP,
            TunnelEncapsulation.VXLAN);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    AgentRuntime agentRuntime(AgentProperties properties, Clock clock) {
        OperTablesBuilder builder = new OperTablesBuilder(new Allocations(properties.stateDirectory()),
                properties.host().fabricAddress());
        AgentRuntime runtime = new AgentRuntime(properties, builder, DATAPLANE_ENCAPSULATIONS,
                properties.xmpp().configCleanup(), properties.xmpp().endOfRibTimeout());
        String password = AgentPassword.of(properties);
        for (ControlNodeAddress address : properties.controlNodes()) {
            runtime.addSession(new ControlNodeSession(address, properties.host().name(), password, properties.xmpp(),
                    runtime, clock));
        }
        return runtime;
    }

    @Bean
    DataplaneProgrammer dataplaneProgrammer(AgentProperties properties) {
        return new DataplaneProgrammer(properties.dataplane().socket(), properties.dataplane().requestTimeout(),
                properties.dataplane().pollInterval());
    }

    @Bean
    DhcpResponder dhcpResponder(AgentRuntime runtime, DataplaneProgrammer dataplane, Clock clock) {
        DhcpResponder responder = new DhcpResponder(new DhcpServer(clock), runtime::tables, dataplane::packetOut,
                System::nanoTime);
        runtime.addListener((previous, current) -> responder.tablesChanged(current));
        dataplane.onPacketIn(p -> {
            if (p.reason() == DataplaneReply.PacketIn.DHCP) {
                responder.handle(p.vif(), p.frame());
            }
        });
        return responder;
    }

    @Bean(destroyMethod = "close")
    StatusReporter statusReporter(AgentProperties properties, AgentRuntime runtime, DataplaneProgrammer dataplane,
                                  PortRegistry ports, Clock clock) {
        GuardedPublisher publisher = new GuardedPublisher(properties.kafka().bootstrapServers(),
                properties.kafka().sendTimeout(), "vrouter-agent-" + properties.host().name());
        return new StatusReporter(properties.host().name(), properties.host().fabricAddress(), runtime, dataplane,
                id -> ports.get(id).map(Port::instanceId), properties.stateDirectory(), publisher, clock,
                new StatusReporter.Intervals(properties.kafka().statusInterval(), properties.kafka().flowInterval()),
                properties.kafka().statusTopic(), properties.kafka().flowsTopic());
    }

    @Bean
    SmartLifecycle agentLifecycle(AgentRuntime runtime, PortRegistry ports, DataplaneProgrammer dataplane) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                runtime.addListener(dataplane);
                ports.subscribe(runtime);
                runtime.start();
                running = true;
            }

            @Override
            public void stop() {
                runtime.close();
                dataplane.close();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }
        };
    }
}
