package dev.attached.kind.rabbitmq;

import java.net.InetAddress;
import java.util.Map;

import com.rabbitmq.client.BlockedCallback;
import com.rabbitmq.client.BlockedListener;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ExceptionHandler;
import com.rabbitmq.client.ShutdownListener;
import com.rabbitmq.client.ShutdownSignalException;
import com.rabbitmq.client.UnblockedCallback;

/**
 * The connection of a detached resource: {@link #isOpen()} is false, and every other call fails at once with a
 * {@link ResourceDetachedException} that says which key to set.
 */
final class DetachedConnection implements Connection {

    private final String message;

    DetachedConnection(String message) {
        this.message = message;
    }

    private ResourceDetachedException fail() {
        return new ResourceDetachedException(message);
    }

    @Override
    public boolean isOpen() {
        return false;
    }

    @Override
    public ShutdownSignalException getCloseReason() {
        return fail();
    }

    @Override
    public InetAddress getAddress() {
        throw fail();
    }

    @Override
    public int getPort() {
        throw fail();
    }

    @Override
    public int getChannelMax() {
        throw fail();
    }

    @Override
    public int getFrameMax() {
        throw fail();
    }

    @Override
    public int getHeartbeat() {
        throw fail();
    }

    @Override
    public Map<String, Object> getClientProperties() {
        throw fail();
    }

    @Override
    public String getClientProvidedName() {
        throw fail();
    }

    @Override
    public Map<String, Object> getServerProperties() {
        throw fail();
    }

    @Override
    public Channel createChannel() {
        throw fail();
    }

    @Override
    public Channel createChannel(int channelNumber) {
        throw fail();
    }

    @Override
    public void close() {
        throw fail();
    }

    @Override
    public void close(int closeCode, String closeMessage) {
        throw fail();
    }

    @Override
    public void close(int timeout) {
        throw fail();
    }

    @Override
    public void close(int closeCode, String closeMessage, int timeout) {
        throw fail();
    }

    @Override
    public void abort() {
        throw fail();
    }

    @Override
    public void abort(int closeCode, String closeMessage) {
        throw fail();
    }

    @Override
    public void abort(int timeout) {
        throw fail();
    }

    @Override
    public void abort(int closeCode, String closeMessage, int timeout) {
        throw fail();
    }

    @Override
    public void addBlockedListener(BlockedListener listener) {
        throw fail();
    }

    @Override
    public BlockedListener addBlockedListener(BlockedCallback blockedCallback, UnblockedCallback unblockedCallback) {
        throw fail();
    }

    @Override
    public boolean removeBlockedListener(BlockedListener listener) {
        throw fail();
    }

    @Override
    public void clearBlockedListeners() {
        throw fail();
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        throw fail();
    }

    @Override
    public String getId() {
        throw fail();
    }

    @Override
    public void setId(String id) {
        throw fail();
    }

    @Override
    public void addShutdownListener(ShutdownListener listener) {
        throw fail();
    }

    @Override
    public void removeShutdownListener(ShutdownListener listener) {
        throw fail();
    }

    @Override
    public void notifyListeners() {
        throw fail();
    }

    @Override
    public String toString() {
        return "RabbitMQ connection (detached)";
    }
}
