package io.filament.control.xmpp.netty;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.SSLException;
import java.io.File;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Server TLS for STARTTLS: from a PEM certificate and key when configured, else a self-signed certificate for
 * the XMPP domain generated at start (agents of a lab setup do not verify it; production configures one).
 */
public final class TlsContexts {

    private TlsContexts() {
    }

    public static SslContext fromPem(File certificate, File key) throws SSLException {
        return SslContextBuilder.forServer(certificate, key).startTls(true).build();
    }

    public static SslContext selfSigned(String domain) throws SSLException {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048, new SecureRandom());
            KeyPair pair = gen.generateKeyPair();
            X500Name name = new X500Name("CN=" + domain);
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(365))), name, pair.getPublic());
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
            return SslContextBuilder.forServer(pair.getPrivate(), cert).startTls(true).build();
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new SSLException("cannot generate a self-signed certificate for " + domain, e);
        }
    }
}
