package dev.dpsrig.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.common.uri.UriPath;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoutePathTest {
    private static final RoutePath ATTESTATION = RoutePath.of("/enrollmentGroups/{id}/attestationmechanism");

    @ParameterizedTest
    @ValueSource(strings = {
            "/enrollmentGroups/Line-A/attestationmechanism",
            "/enrollmentgroups/Line-A/attestationmechanism",
            "/ENROLLMENTGROUPS/Line-A/AttestationMechanism",
            "/enrollmentgroups/Line-A/attestationmechanism/",
            "/enrollmentgroups/Line%2DA/attestationmechanism"})
    void literalsMatchInAnyCaseAndTheIdKeepsItsCase(String path) {
        assertThat(ATTESTATION.parameters(UriPath.create(path))).contains(Map.of("id", "Line-A"));
        assertThat(ATTESTATION.match(UriPath.create(path)).accepted()).isTrue();
        assertThat(ATTESTATION.match(UriPath.create(path)).path().pathParameters().get("id")).isEqualTo("Line-A");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/enrollmentGroups/Line-A",
            "/enrollmentGroups/Line-A/attestationmechanism/extra",
            "/enrollmentGroups//attestationmechanism",
            "/enrollmentGroups/Line-A/attestationmechanism//",
            "//enrollmentGroups/Line-A/attestationmechanism",
            "/enrollmentGroup/Line-A/attestationmechanism",
            "/enrollmentGroups/Line%zzA/attestationmechanism",
            "/enrollmentGroups/Line-A/attestation%6Dechanism%2F"})
    void otherPathsDoNotMatch(String path) {
        assertThat(ATTESTATION.parameters(UriPath.create(path))).isEmpty();
        assertThat(ATTESTATION.match(UriPath.create(path)).accepted()).isFalse();
    }

    @Test
    void anEncodedSlashStaysInsideItsSegment() {
        assertThat(RoutePath.of("/certificates/{name}").parameters(UriPath.create("/certificates/a%2Fb")))
                .isEqualTo(Optional.of(Map.of("name", "a/b")));
        assertThat(RoutePath.of("/certificates/{name}/verify").parameters(UriPath.create("/certificates/a%2Fverify")))
                .isEmpty();
    }

    @Test
    void templatesAreWhole() {
        assertThatThrownBy(() -> RoutePath.of("/enrollments/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RoutePath.of("/enrollments//query")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RoutePath.of("enrollments")).isInstanceOf(IllegalArgumentException.class);
    }
}
