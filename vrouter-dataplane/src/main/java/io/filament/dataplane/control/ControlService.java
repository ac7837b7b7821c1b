package io.filament.dataplane.control;

import io.filament.dataplane.control.wire.ControlMessage;
import io.filament.dataplane.control.wire.ControlMessage.*;
import io.filament.dataplane.forward.DropReason;
import io.filament.dataplane.forward.ForwardingEngine;
import io.filament.dataplane.io.linux.NativeCallException;
import io.filament.dataplane.io.tap.InvalidPlacementException;
import io.filament.dataplane.io.tap.LinkPlacementException;
import io.filament.dataplane.io.tap.PortPlacement;
import io.filament.dataplane.table.ForwardingTables;
import io.filament.dataplane.table.TableException;
import io.filament.dataplane.table.TableSnapshot;
import io.filament.dataplane.table.Vif;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies control requests to the dataplane: validates, changes tables and devices, answers reads. A refused request
 * gets an {@link ErrorReply} and leaves everything as it was. Runs on the control socket's thread.
 */
public final class ControlService {

    private static final Logger log = LoggerFactory.getLogger(ControlService.class);
    private static final int MAX_BATCH = 4096;

    private final ForwardingEngine engine;
    private final PortDevices devices;
    private final Map<Integer, PlacedInterface> placements = new ConcurrentHashMap<>();

    public ControlService(ForwardingEngine engine, PortDevices devices) {
        this.engine = engine;
        this.devices = devices;
    }

    public ControlMessage handle(ControlMessage request) {
        try {
            long start = System.nanoTime();
            ControlMessage reply = dispatch(request);
            if (request instanceof Change change) {
                logApplied(change, (System.nanoTime() - start) / 1000);
            }
            return reply;
        } catch (TableException e) {
            log.info("refused {}: {}", request, e.getMessage());
            return new ErrorReply(ErrorReply.Code.INVALID_REQUEST, e.field(), e.value(), e.getMessage());
        } catch (InvalidPlacementException e) {
            log.info("refused {}: {}", request, e.getMessage());
            return new ErrorReply(ErrorReply.Code.INVALID_REQUEST, e.field(), e.value(), e.getMessage());
        } catch (LinkPlacementException e) {
            log.warn("device failure on {}: {}", request, e.getMessage());
            return new ErrorReply(ErrorReply.Code.DEVICE_FAILURE, e.field(), e.value(), e.getMessage());
        } catch (NativeCallException e) {
            log.warn("device failure on {}: {}", request, e.getMessage());
            return new ErrorReply(ErrorReply.Code.DEVICE_FAILURE, "interface", "", e.getMessage());
        }
    }

    /**
     * Interfaces, VRFs, VNIs and ACLs at INFO; routes, next hops and labels, which come by the thousand, at DEBUG
     * (a port-up brings four to ten of them, each otherwise a synchronous console write on this thread).
     */
    private static void logApplied(Change change, long micros) {
        switch (change) {
            case AddRoute r -> log.debug("applied {} in {} µs", r, micros);
            case DeleteRoute r -> log.debug("applied {} in {} µs", r, micros);
            case AddNextHop r -> log.debug("applied {} in {} µs", r, micros);
            case DeleteNextHop r -> log.debug("applied {} in {} µs", r, micros);
            case AddLabel r -> log.debug("applied {} in {} µs", r, micros);
            case DeleteLabel r -> log.debug("applied {} in {} µs", r, micros);
            default -> log.info("applied {} in {} µs", change, micros);
        }
    }

    private ControlMessage dispatch(ControlMessage m) {
        return switch (m) {
            case AddVrf r -> tables(t -> t.addVrf(r.vrf()));
            case DeleteVrf r -> tables(t -> t.removeVrf(r.vrf()));
            case AddInterface r -> addInterface(r);
            case DeleteInterface r -> deleteInterface(r.index());
            case AddNextHop r -> tables(t -> t.addNextHop(r.nextHop()));
            case DeleteNextHop r -> tables(t -> t.removeNextHop(r.id()));
            case AddRoute r -> tables(t -> t.addRoute(r.vrf(), r.family(), r.high(), r.low(), r.length(), r.nextHop()));
            case DeleteRoute r -> tables(t -> t.removeRoute(r.vrf(), r.family(), r.high(), r.low(), r.length()));
            case AddLabel r -> tables(t -> t.addLabel(r.label(), r.nextHop()));
            case DeleteLabel r -> tables(t -> t.removeLabel(r.label()));
            case AddVni r -> tables(t -> t.addVni(r.vni(), r.vrf()));
            case DeleteVni r -> tables(t -> t.removeVni(r.vni()));
            case AddAcl r -> addAcl(r);
            case DeleteAcl r -> tables(t -> t.removeAcl(r.id()));
            case PacketOut r -> packetOut(r);
            case ReadFlows r -> new Flows(engine.flows());
            case ReadCounters r -> counters();
            case Dump r -> dump();
            case ReadPacketIns r -> new PacketIns(engine.drainPacketIns(batch(r.max())));
            case ReadFlowRecords r -> new FlowRecords(engine.drainFlowRecords(batch(r.max())));
            case Ok r -> unexpected(r);
            case ErrorReply r -> unexpected(r);
            case Flows r -> unexpected(r);
            case CountersReply r -> unexpected(r);
            case DumpReply r -> unexpected(r);
            case PacketIns r -> unexpected(r);
            case FlowRecords r -> unexpected(r);
        };
    }

    private ControlMessage tables(Consumer<ForwardingTables> change) {
        engine.withTables(t -> {
            change.accept(t);
            return null;
        });
        return new Ok();
    }

    private ControlMessage addInterface(AddInterface r) {
        PortPlacement.requireValid(r.namespace(), r.renameTo());
        Vif vif = r.vif();
        Vif previous = engine.withTables(t -> {
            Vif prev = t.vif(vif.index());
            t.addInterface(vif);
            return prev;
        });
        PlacedInterface existing = placements.get(vif.index());
        boolean sameDevice = existing != null && existing.vif().name().equals(vif.name())
                && existing.namespace().equals(r.namespace()) && existing.renameTo().equals(r.renameTo());
        if (!sameDevice) {
            try {
                if (existing != null) {
                    devices.close(vif.index());
                }
                devices.open(vif, r.namespace(), r.renameTo());
            } catch (RuntimeException e) {
                engine.withTables(t -> {
                    if (previous == null) {
                        t.removeInterface(vif.index());
                    } else {
                        t.addInterface(previous);
                    }
                    return null;
                });
                if (existing != null) {
                    placements.remove(vif.index());
                }
                throw e;
            }
        }
        placements.put(vif.index(), new PlacedInterface(vif, r.namespace(), r.renameTo()));
        if (previous != null && !previous.equals(vif)) {
            engine.forgetInterface(vif.index(), false);
        }
        return new Ok();
    }

    private ControlMessage deleteInterface(int index) {
        engine.withTables(t -> t.removeInterface(index));
        devices.close(index);
        placements.remove(index);
        engine.forgetInterface(index, true);
        return new Ok();
    }

    private ControlMessage addAcl(AddAcl r) {
        boolean replaced = engine.withTables(t -> {
            boolean existed = t.acl(r.acl().id()) != null;
            t.addAcl(r.acl());
            return existed;
        });
        if (replaced) {
            engine.flushFlows();
        }
        return new Ok();
    }

    private ControlMessage packetOut(PacketOut r) {
        byte[] frame = r.frame();
        if (engine.withTables(t -> t.vif(r.vif())) == null) {
            throw new TableException("packet_out.vif", r.vif(), "no such interface");
        }
        if (frame.length < 14 || frame.length > 65535) {
            throw new TableException("packet_out.frame", frame.length, "length outside 14..65535");
        }
        engine.packetOut(r.vif(), Unpooled.wrappedBuffer(frame), 0, frame.length);
        return new Ok();
    }

    private ControlMessage counters() {
        List<Vif> vifs = engine.withTables(t -> t.snapshot().interfaces());
        return engine.withCounters(c -> {
            List<DropCount> drops = new ArrayList<>();
            for (DropReason reason : DropReason.values()) {
                drops.add(new DropCount(reason.name(), c.drops(reason)));
            }
            return new CountersReply(vifs.stream().map(v -> c.ofInterface(v.index())).toList(), c.ofFabric(), drops);
        });
    }

    private ControlMessage dump() {
        TableSnapshot snapshot = engine.withTables(t -> t.snapshot());
        List<PlacedInterface> interfaces = snapshot.interfaces().stream()
                .map(v -> placements.getOrDefault(v.index(), new PlacedInterface(v, "", ""))).toList();
        return new DumpReply(interfaces, snapshot);
    }

    private static int batch(int max) {
        if (max < 1 || max > MAX_BATCH) {
            throw new TableException("max", max, "outside 1.." + MAX_BATCH);
        }
        return max;
    }

    private static ControlMessage unexpected(ControlMessage m) {
        return new ErrorReply(ErrorReply.Code.UNEXPECTED_MESSAGE, "type", m.getClass().getSimpleName(),
                "a reply cannot be sent as a request");
    }
}
