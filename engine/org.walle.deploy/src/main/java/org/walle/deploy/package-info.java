/** Walle deployment server: public API ({@link org.walle.deploy.WalleServer}) and shared value types. */
package org.walle.deploy;
