package dev.dpsrig.simulator.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * File changes that survive a power cut, not only a crash of the process. A process crash loses
 * nothing the kernel was given; a power cut loses whatever was still in the page cache, and the
 * kernel may write a rename to disk before the data of the file renamed. So the order is: the new
 * content to a temporary file, forced ({@code fsync}); then the rename; then the directory forced,
 * which makes the rename (or a creation or deletion) itself durable. Only then is the change
 * acknowledged.
 *
 * <p>A directory is forced in a shared way ({@link DirectorySync}, {@link GroupCommit}): a writer whose
 * rename another writer's force covered returns then, so concurrent writers into one folder share a flush.
 * Where directories cannot be opened (Windows), their entries are journalled by the file system and
 * the directory step is skipped.
 */
public final class DurableFiles {
    private static final boolean DIRECTORIES_CAN_BE_FORCED =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private DurableFiles() {
    }

    /** Writes {@code content} to {@code file} (which exists, usually empty) and forces it to disk. */
    public static void writeAndForce(Path file, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /**
     * Creates {@code directory} and any missing parents, forcing the parent of each one created, so
     * that a file later made durable in it is not lost with its folder.
     */
    public static void createDirectories(Path directory) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path at = directory.toAbsolutePath(); at != null && !Files.isDirectory(at); at = at.getParent()) {
            missing.push(at);
        }
        while (!missing.isEmpty()) {
            Path created = missing.pop();
            Files.createDirectories(created);
            forceDirectory(created.getParent());
        }
    }

    /** Makes the entries of {@code directory} (creations, renames, deletions) durable. */
    public static void forceDirectory(Path directory) throws IOException {
        if (!DIRECTORIES_CAN_BE_FORCED || directory == null) {
            return;
        }
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** A change that {@link GroupCommit} makes durable: a file's or a folder's force. */
    @FunctionalInterface
    public interface Force {
        void force() throws IOException;
    }

    /**
     * Group commit: each writer takes a ticket once its change is made, then waits until a force that began
     * after that has completed. One writer at a time forces, outside the lock; those that wrote meanwhile
     * wait and are all covered by the next force, so under load one flush acknowledges many changes. Waiting
     * is on a lock and condition, so a virtual thread waiting or forcing never holds its carrier.
     */
    public static final class GroupCommit {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition forcedMore = lock.newCondition();
        private final Force force;
        /** Guarded by {@code lock}: tickets taken, every change numbered up to it made. */
        private long changes;
        /** Guarded by {@code lock}: every change numbered up to this one is on disk. */
        private long forced;
        /** Guarded by {@code lock}: a writer is forcing. */
        private boolean forcing;

        public GroupCommit(Force force) {
            this.force = force;
        }

        /** Call once a change is made: its number, for {@link #awaitDurable}. */
        public long changed() {
            lock.lock();
            try {
                return ++changes;
            } finally {
                lock.unlock();
            }
        }

        /** Returns once change {@code ticket} is on disk, forcing if no other writer is. */
        public void awaitDurable(long ticket) throws IOException {
            lock.lock();
            try {
                while (forced < ticket) {
                    if (forcing) {
                        forcedMore.awaitUninterruptibly();
                        continue;
                    }
                    forcing = true;
                    long covered = changes;
                    boolean done = false;
                    lock.unlock();
                    try {
                        force.force();
                        done = true;
                    } finally {
                        lock.lock();
                        forcing = false;
                        if (done) {
                            forced = Math.max(forced, covered);
                        }
                        forcedMore.signalAll();
                    }
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Group commit of one directory's entries (renames, creations, deletions). */
    public static final class DirectorySync {
        private final GroupCommit commit;

        public DirectorySync(Path directory) {
            this.commit = new GroupCommit(() -> forceDirectory(directory));
        }

        /** Call after changing the directory; returns when the change is durable. */
        public void changed() throws IOException {
            commit.awaitDurable(commit.changed());
        }
    }
}
