package dev.dpsrig.certs.cli;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.certs.KeyType;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.LongAdder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * How many device identities (key pair + clientAuth certificate signed by an EC intermediate) this
 * machine issues per second, per key type. Warm-up is long on purpose: on a two-core machine the JIT
 * needs about a minute, and shorter runs under-report by a factor of two or more.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = "Measure device identities issued per second for each key type on this machine.")
final class BenchmarkCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--warmup", defaultValue = "60", description = "Warm-up seconds per key type (default: ${DEFAULT-VALUE}).")
    private int warmupSeconds;

    @Option(names = "--seconds", defaultValue = "20", description = "Measured seconds per key type (default: ${DEFAULT-VALUE}).")
    private int measureSeconds;

    @Option(names = "--threads", description = "Issuing threads (default: one per core).")
    private Integer threads;

    @Option(names = "--key-type", split = ",", converter = KeyTypeConverter.class,
            description = "Key types to measure (default: ec,rsa2048,rsa4096).")
    private List<KeyType> keyTypes = List.of(KeyType.EC_P256, KeyType.RSA_2048, KeyType.RSA_4096);

    @Override
    public Integer call() throws InterruptedException {
        int cores = Runtime.getRuntime().availableProcessors();
        int workers = threads != null ? threads : cores;
        if (workers < 1 || measureSeconds < 1 || warmupSeconds < 0) {
            throw new ParameterException(spec.commandLine(),
                    "--threads and --seconds must be at least 1 and --warmup at least 0");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "identity issuance: %d cores, %d threads, Java %s, warm-up %d s, measured %d s per key type%n",
                cores, workers, Runtime.version(), warmupSeconds, measureSeconds);
        out.flush();
        HeldCertificate issuer = HeldCertificate.builder()
                .commonName("benchmark intermediate").certificateAuthority(0).build();
        for (KeyType keyType : keyTypes) {
            run(issuer, keyType, workers, Duration.ofSeconds(warmupSeconds));
            long started = System.nanoTime();
            long issued = run(issuer, keyType, workers, Duration.ofSeconds(measureSeconds));
            double seconds = (System.nanoTime() - started) / 1e9;
            double perSecond = issued / seconds;
            out.printf(Locale.ROOT, "%-9s %10.1f identities/s  (%.1f per thread; %d issued in %.1f s)%n",
                    keyType, perSecond, perSecond / workers, issued, seconds);
            out.flush();
        }
        return 0;
    }

    private static long run(HeldCertificate issuer, KeyType keyType, int workers, Duration duration)
            throws InterruptedException {
        LongAdder issued = new LongAdder();
        long deadline = System.nanoTime() + duration.toNanos();
        List<Thread> pool = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            pool.add(Thread.ofPlatform().name("issuer-" + i).start(() -> {
                long n = 0;
                while (System.nanoTime() < deadline) {
                    HeldCertificate.builder()
                            .commonName("bench-" + Thread.currentThread().threadId() + "-" + n++)
                            .keyType(keyType).clientAuth().signedBy(issuer)
                            .build();
                    issued.increment();
                }
            }));
        }
        for (Thread thread : pool) {
            thread.join();
        }
        return issued.sum();
    }
}
