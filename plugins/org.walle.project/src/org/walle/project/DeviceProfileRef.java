package org.walle.project;

/** A device profile the project's tasks are tried on (a built-in emulator profile or a described device). */
public record DeviceProfileRef(String name, String os, String model, String tier, String region) {
}
