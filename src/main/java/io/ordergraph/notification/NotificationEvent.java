package io.ordergraph.notification;

/** Which order event a notification tells the customer about. */
public enum NotificationEvent {
	PLACED, ACCEPTED, REJECTED, READY
}
