package dev.dpsrig.simulator.store;

import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.WireFormatException;
import dev.dpsrig.protocol.hub.DeviceMessageView;
import dev.dpsrig.simulator.hub.DeviceMessage;
import dev.dpsrig.simulator.hub.MessageLog;
import dev.dpsrig.simulator.json.HubViews;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * Accepted messages as JSON Lines, appended and forced to disk before the hub answers 204. A line is a
 * message as the inspection API shows it ({@link DeviceMessageView}), without the body's text.
 *
 * <p>Forcing is shared ({@link DurableFiles.GroupCommit}): a writer whose lines another writer's
 * {@code force} covered returns then, so under load one disk flush acknowledges many messages. A line cut short by a crash was never
 * acknowledged; on opening, the file is cut back to its last complete line.
 */
public final class FileMessageLog implements MessageLog {
    private static final Logger LOG = Logger.getLogger(FileMessageLog.class.getName());

    private final Path file;
    private final FileChannel channel;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final DurableFiles.GroupCommit commit;

    public FileMessageLog(Path file) {
        this.file = file;
        this.commit = new DurableFiles.GroupCommit(this::force);
        try {
            DurableFiles.createDirectories(file.getParent());
            boolean created = !Files.exists(file);
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            if (created) {
                // The file's own force covers its content, not its name in the folder.
                DurableFiles.forceDirectory(file.getParent());
            }
            cutToLastCompleteLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the message log " + file, e);
        }
    }

    private void cutToLastCompleteLine() throws IOException {
        long size = channel.size();
        long end = size;
        ByteBuffer one = ByteBuffer.allocate(1);
        while (end > 0) {
            one.clear();
            channel.read(one, end - 1);
            if (one.get(0) == '\n') {
                break;
            }
            end--;
        }
        if (end < size) {
            long cut = size - end;
            LOG.warning(() -> "message log " + file + " ended in an incomplete line (never acknowledged); cut " + cut + " bytes");
            channel.truncate(end);
        }
        channel.position(end);
    }

    @Override
    public void append(DeviceMessage message) {
        appendAll(List.of(message));
    }

    /** A batch's lines are written together and covered by one force. */
    @Override
    public void appendAll(List<DeviceMessage> batch) {
        StringBuilder text = new StringBuilder();
        batch.forEach(message -> text.append(HubViews.kept(message).toJson()).append('\n'));
        byte[] lines = text.toString().getBytes(StandardCharsets.UTF_8);
        try {
            long mine;
            writeLock.lock();
            try {
                ByteBuffer buffer = ByteBuffer.wrap(lines);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                mine = commit.changed();
            } finally {
                writeLock.unlock();
            }
            commit.awaitDurable(mine);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the message log " + file, e);
        }
    }

    /** The lines' data (and the file's length), not its times: what reading them back needs. */
    private void force() throws IOException {
        channel.force(false);
    }

    @Override
    public List<DeviceMessage> readAll() {
        List<DeviceMessage> messages = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                try (JsonReader reader = Jsonp.createReader(new StringReader(lines.get(i)))) {
                    messages.add(HubViews.message(DeviceMessageView.fromJson(reader.readObject())));
                } catch (JsonException | ClassCastException | WireFormatException e) {
                    throw new IllegalStateException("the message log " + file + " is damaged at line " + (i + 1) + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the message log " + file, e);
        }
        return messages;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the message log " + file, e);
        }
    }
}
