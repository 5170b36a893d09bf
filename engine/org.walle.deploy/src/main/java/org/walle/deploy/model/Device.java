package org.walle.deploy.model;

/** A registered device. */
public record Device(String id, DeviceAttributes attributes, long registeredAt, long lastSeenAt) {
}
