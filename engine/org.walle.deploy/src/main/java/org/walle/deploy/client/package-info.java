/**
 * Clients of the deployment server: {@link org.walle.deploy.client.DeviceClient} (register, push connection, pull,
 * verify, report: the base of the device emulator), {@link org.walle.deploy.client.BundleVerifier} and
 * {@link org.walle.deploy.client.MgmtClient} for operators.
 */
package org.walle.deploy.client;
