package dev.dpsrig.emulator.fleet;

import java.util.Optional;

/**
 * One slice of a fleet: shard {@code index} of {@code count} runs the devices whose fleet index {@code i}
 * has {@code i % count == index} (interleaved, not contiguous), so every shard ramps up at the same pace
 * and the slices of N machines together are exactly the whole fleet, each device once.
 */
public record Shard(int index, int count) {
    public static final Shard WHOLE = new Shard(0, 1);

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + " is not one of 0/" + count + " .. "
                    + (count - 1) + "/" + count);
        }
    }

    /** {@code I/N}, e.g. {@code 2/4}. */
    public static Shard parse(String text) {
        String[] parts = text.strip().split("/", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("shard '" + text + "' is not I/N, e.g. 0/4");
        }
        try {
            return new Shard(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("shard '" + text + "' is not I/N with whole numbers, e.g. 0/4");
        }
    }

    /**
     * The shard from {@code --shard}, or else from a Kubernetes Indexed Job's {@code JOB_COMPLETION_INDEX}
     * with the count from {@code --shard-count}.
     */
    public static Shard resolve(Optional<String> shard, Optional<Integer> shardCount, Optional<String> jobCompletionIndex) {
        if (shard.isPresent()) {
            Shard parsed = parse(shard.get());
            if (shardCount.isPresent() && shardCount.get() != parsed.count()) {
                throw new IllegalArgumentException("--shard " + shard.get() + " and --shard-count " + shardCount.get() + " disagree");
            }
            return parsed;
        }
        if (shardCount.isPresent()) {
            String index = jobCompletionIndex.orElseThrow(() -> new IllegalArgumentException(
                    "--shard-count needs --shard I/N or JOB_COMPLETION_INDEX in the environment"));
            try {
                return new Shard(Integer.parseInt(index.strip()), shardCount.get());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("JOB_COMPLETION_INDEX '" + index + "' is not a whole number");
            }
        }
        return WHOLE;
    }

    public boolean contains(long deviceIndex) {
        return deviceIndex % count == index;
    }

    /** How many of a fleet of {@code devices} this shard runs. */
    public int size(int devices) {
        return devices <= index ? 0 : (devices - index + count - 1) / count;
    }

    /** The fleet index of this shard's {@code n}-th device. */
    public long deviceIndex(int n) {
        return (long) n * count + index;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
