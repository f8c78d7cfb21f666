package dev.dpsrig.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.sdk.iot.device.ClientOptions;
import com.microsoft.azure.sdk.iot.device.DeviceClient;
import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientRegistrationResult;
import com.microsoft.azure.sdk.iot.provisioning.security.SecurityProviderSymmetricKey;
import com.microsoft.azure.sdk.iot.provisioning.security.exceptions.SecurityProviderException;
import com.microsoft.azure.sdk.iot.provisioning.security.hsm.SecurityProviderX509Cert;
import com.microsoft.azure.sdk.iot.provisioning.service.ProvisioningServiceClient;
import com.microsoft.azure.sdk.iot.provisioning.service.configs.IndividualEnrollment;
import com.microsoft.azure.sdk.iot.provisioning.service.configs.SymmetricKeyAttestation;
import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.simulator.dps.Attestation;
import dev.dpsrig.simulator.server.LocalSimulator;
import jakarta.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same SDKs in a JVM whose default trust store is left alone (no {@code javax.net.ssl.trustStore}):
 * the trust store made from dev-settings.json reaches each SDK through the code hooks it has, for
 * applications that cannot change JVM flags. Each hook is the documented-by-signature one; the README
 * recipe spells them out.
 */
class InCodeTrustIT {
    private static final String BASE_ADDRESS = "127.0.44.1";

    @TempDir
    static Path dir;

    private static LocalSimulator simulator;
    private static DevSettings settings;
    private static Path trustStore;

    @BeforeAll
    static void start() {
        assertThat(System.getProperty(TrustStores.JVM_TRUST_STORE)).as("this class shows trust without the JVM trust store").isNull();
        simulator = SdkSimulator.start(BASE_ADDRESS);
        settings = DevSettings.read(simulator.devSettingsFile());
        trustStore = TrustStores.importRoot(settings.trustedRootCertificate(), dir.resolve("truststore.p12"));
    }

    @AfterAll
    static void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    /**
     * DPS leg: the symmetric-key provider's {@code getSSLContext()} overridden. Hub leg: the device
     * client made from a connection string, whose {@code ClientOptions.sslContext} it honours (the
     * security-provider constructor ignores that option and, for symmetric keys, the provider's context too).
     */
    @Test
    void symmetricKeyThroughTheProviderAndClientOptions() throws Exception {
        String registrationId = "in-code-symmetric";
        String key = ((Attestation.SymmetricKey) simulator.service().putEnrollment(registrationId, Json.createObjectBuilder()
                .add("attestation", Json.createObjectBuilder().add("type", "symmetricKey")).build(), Optional.empty())
                .attestation()).primaryKey();
        SSLContext trusting = TrustStores.sslContext(trustStore);
        SecurityProviderSymmetricKey provider = new SecurityProviderSymmetricKey(key.getBytes(StandardCharsets.UTF_8), registrationId) {
            @Override
            public SSLContext getSSLContext() {
                return trusting;
            }
        };

        ProvisioningDeviceClientRegistrationResult result = DeviceRoundTrip.register(settings, registrationId, provider);

        String connectionString = "HostName=" + result.getIothubUri() + ";DeviceId=" + result.getDeviceId() + ";SharedAccessKey=" + key;
        DeviceRoundTrip.telemetryAndCloudToDevice(simulator.iotHub(settings.hubAt(result.getIothubUri()).name()), registrationId,
                new DeviceClient(connectionString, IotHubClientProtocol.HTTPS, ClientOptions.builder().sslContext(trusting)
                        .receiveInterval(DeviceRoundTrip.RECEIVE_INTERVAL_MILLIS).build()));
    }

    /** Both legs: the X.509 provider's {@code getSSLContext()} overridden to add trust managers to its key managers. */
    @Test
    void x509ThroughTheProvider() throws Exception {
        String registrationId = "in-code-x509";
        HeldCertificate device = HeldCertificate.builder().commonName(registrationId).clientAuth().build();
        simulator.service().putEnrollment(registrationId, Json.createObjectBuilder().add("attestation", Json.createObjectBuilder()
                .add("type", "x509").add("x509", Json.createObjectBuilder().add("clientCertificates", Json.createObjectBuilder()
                        .add("primary", Json.createObjectBuilder().add("certificate", device.certificatePem()))))).build(), Optional.empty());
        SecurityProviderX509Cert provider = new SecurityProviderX509Cert(device.certificate(), device.privateKey(), List.of()) {
            @Override
            public SSLContext getSSLContext() throws SecurityProviderException {
                return presentingAndTrusting(getClientCertificate(), getClientPrivateKey(), getIntermediateCertificatesChain());
            }
        };

        ProvisioningDeviceClientRegistrationResult result = DeviceRoundTrip.register(settings, registrationId, provider);

        DeviceRoundTrip.telemetryAndCloudToDevice(simulator.iotHub(settings.hubAt(result.getIothubUri()).name()), registrationId,
                new DeviceClient(result.getIothubUri(), result.getDeviceId(), provider, IotHubClientProtocol.HTTPS,
                        ClientOptions.builder().receiveInterval(DeviceRoundTrip.RECEIVE_INTERVAL_MILLIS).build()));
    }

    /** The service SDK opens plain {@code HttpsURLConnection}s: their process-wide default socket factory is its only hook. */
    @Test
    void serviceClientThroughTheDefaultHttpsSocketFactory() throws Exception {
        SSLSocketFactory before = HttpsURLConnection.getDefaultSSLSocketFactory();
        HttpsURLConnection.setDefaultSSLSocketFactory(TrustStores.sslContext(trustStore).getSocketFactory());
        try {
            ProvisioningServiceClient service = ProvisioningServiceClient.createFromConnectionString(settings.serviceConnectionString());
            IndividualEnrollment created = service.createOrUpdateIndividualEnrollment(
                    new IndividualEnrollment("in-code-service", new SymmetricKeyAttestation(null, null)));
            assertThat(service.getIndividualEnrollment("in-code-service").getEtag()).isEqualTo(created.getEtag());
            service.deleteIndividualEnrollment(created);
        } finally {
            HttpsURLConnection.setDefaultSSLSocketFactory(before);
        }
    }

    /** What {@code SecurityProviderX509.getSSLContext()} builds, plus the trust managers it leaves out. */
    private static SSLContext presentingAndTrusting(X509Certificate leaf, Key key, Collection<X509Certificate> chain)
            throws SecurityProviderException {
        try {
            List<X509Certificate> presented = new ArrayList<>();
            presented.add(leaf);
            presented.addAll(chain);
            char[] password = "transient".toCharArray();
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("device", key, password, presented.toArray(X509Certificate[]::new));
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), TrustStores.trustManagers(trustStore), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new SecurityProviderException(e);
        }
    }
}
