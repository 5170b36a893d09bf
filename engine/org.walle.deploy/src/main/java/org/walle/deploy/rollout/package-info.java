/** Rollout lifecycle: status enum, verbs, stages and thresholds, the pure transition function. */
package org.walle.deploy.rollout;
