package io.filament.schema.routing;

import io.filament.schema.config.ConfigBody.GlobalSystemConfig;
import io.filament.schema.config.ConfigBody.GlobalVrouterConfig;
import io.filament.schema.config.ConfigImage;
import io.filament.schema.config.ConfigObject;
import java.util.Collection;
import java.util.Optional;

/**
 * The global values every routing instance depends on: the ASN from {@code global-system-config} (64512 when
 * there is none) and the VNI mode and default forwarding mode from {@code global-vrouter-config}.
 */
public record GlobalSettings(long autonomousSystem, boolean fourByteAs, boolean vxlanIdConfigured,
                             String defaultForwardingMode, Optional<ConfigObject> systemConfig,
                             Optional<ConfigObject> vrouterConfig) {

    public static final long DEFAULT_ASN = 64512;
    static final String SYSTEM_CONFIG_NAME = "default-global-system-config";

    public static GlobalSettings from(ConfigImage image) {
        Optional<ConfigObject> system = preferred(image.ofType("global-system-config"), SYSTEM_CONFIG_NAME);
        Optional<ConfigObject> vrouter = preferred(image.ofType("global-vrouter-config"),
                SYSTEM_CONFIG_NAME + ":default-global-vrouter-config");
        long asn = system.map(o -> ((GlobalSystemConfig) o.body()).autonomousSystem()).orElse(DEFAULT_ASN);
        boolean fourByte = system.map(o -> ((GlobalSystemConfig) o.body()).fourByteAs()).orElse(false);
        boolean vxlanConfigured = vrouter.map(o -> ((GlobalVrouterConfig) o.body()).vxlanIdConfigured()).orElse(false);
        String forwarding = vrouter.flatMap(o -> ((GlobalVrouterConfig) o.body()).forwardingMode()).orElse("l2_l3");
        return new GlobalSettings(asn, fourByte, vxlanConfigured, forwarding, system, vrouter);
    }

    public NumberSpace numberSpace() {
        return NumberSpace.forAsn(fourByteAs);
    }

    public String routeTarget(int number) {
        return "target:" + autonomousSystem + ":" + number;
    }

    private static Optional<ConfigObject> preferred(Collection<ConfigObject> candidates, String wellKnownName) {
        return candidates.stream().filter(o -> o.fqName().toString().equals(wellKnownName)).findFirst()
                .or(() -> candidates.stream().findFirst());
    }
}
