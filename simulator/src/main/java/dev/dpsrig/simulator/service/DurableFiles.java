package dev.dpsrig.simulator.service;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * File changes that survive a power cut, not only a crash of the process. A process crash loses
 * nothing the kernel was given; a power cut loses whatever was still in the page cache, and the
 * kernel may write a rename to disk before the data of the file renamed. So the order is: the new
 * content to a temporary file, forced ({@code fsync}); then the rename; then the directory forced,
 * which makes the rename (or a creation or deletion) itself durable. Only then is the change
 * acknowledged.
 *
 * <p>A directory is forced in a shared way ({@link DirectorySync}): a writer whose rename an earlier
 * writer's force already covered returns at once, so concurrent writers into one folder share a flush.
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

    /**
     * Group commit of one directory's entries: {@link #changed()} after each rename, creation or
     * deletion in it returns once a force that began after that change has completed.
     */
    public static final class DirectorySync {
        private final Path directory;
        private final AtomicLong changes = new AtomicLong();
        private final Object forceLock = new Object();
        /** Guarded by {@code forceLock}: every change numbered up to this one is on disk. */
        private long forced;

        public DirectorySync(Path directory) {
            this.directory = directory;
        }

        /** Call after changing the directory; returns when the change is durable. */
        public void changed() throws IOException {
            long mine = changes.incrementAndGet();
            synchronized (forceLock) {
                if (forced >= mine) {
                    return;
                }
                long covered = changes.get();
                forceDirectory(directory);
                forced = covered;
            }
        }
    }
}
