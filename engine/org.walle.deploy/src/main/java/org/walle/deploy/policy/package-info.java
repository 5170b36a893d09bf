/** Targeting policies: the rule model, its JSON parser, version ranges and stable percentage buckets. */
package org.walle.deploy.policy;
