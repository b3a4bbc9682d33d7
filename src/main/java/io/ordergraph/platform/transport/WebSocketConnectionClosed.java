package io.ordergraph.platform.transport;

/**
 * A GraphQL WebSocket connection has closed, however it ended (a close frame, a dropped TCP connection, shutdown):
 * whatever still runs for it can stop. {@code sessionId} is the one GraphQL's {@code WebSocketSessionInfo.getId()}
 * reports for its operations.
 */
public record WebSocketConnectionClosed(String sessionId) {

}
