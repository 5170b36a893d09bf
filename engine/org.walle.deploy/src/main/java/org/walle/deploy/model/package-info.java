/** Value types (DTOs) shared by the management API, the device API and the clients. */
package org.walle.deploy.model;
