package io.ordergraph.notification;

/** Where a notification is; see schema/notification.graphqls for what each means to API users. */
public enum NotificationStatus {
	SKIPPED, PENDING, SENDING, SENT, DELIVERED, UNDELIVERED, REJECTED, FAILED, UNCERTAIN;

	/** Still being worked on by the outbox: a resend now could double it. */
	public boolean inProgress() {
		return this == PENDING || this == SENDING;
	}
}
