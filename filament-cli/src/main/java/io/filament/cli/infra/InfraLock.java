package io.filament.cli.infra;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** An exclusive lock on a file, held while one process starts or stops the local infrastructure. */
final class InfraLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private InfraLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Blocks until no other process holds the lock. */
    static InfraLock acquire(Path file) {
        try {
            Workspace.ensureDirectory(file.getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new InfraLock(channel, channel.lock());
        } catch (IOException e) {
            throw new InfraException("cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new InfraException("cannot release the infrastructure lock: " + e.getMessage(), e);
        }
    }
}
