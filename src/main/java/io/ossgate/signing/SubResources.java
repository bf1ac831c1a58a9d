package io.ossgate.signing;

import java.util.Set;

/**
 * Query parameters that V1 signs (the "sub-resources"). OSS's own list is not published; this is
 * the union of GO2 {@code requiredSignedParametersMap} and the bucket sub-resources of JV1
 * {@code SignParameters} that GO2 signs per operation (oss-reference §3), plus any parameter
 * starting with {@code x-oss-}. Others (e.g. {@code prefix}, {@code max-keys}) are not signed.
 */
final class SubResources {

  private static final Set<String> NAMES = Set.of(
      // GO2 requiredSignedParametersMap
      "acl", "bucketInfo", "location", "stat", "delete", "append", "tagging", "objectMeta",
      "uploads", "uploadId", "partNumber", "security-token", "position", "response-content-type",
      "response-content-language", "response-expires", "response-cache-control",
      "response-content-disposition", "response-content-encoding", "restore", "callback",
      "callback-var", "versions", "versioning", "versionId", "sequential", "continuation-token",
      "regionList", "cloudboxes", "symlink",
      // GO2 per-operation extras / JV1 SignParameters
      "resourceGroup", "cors", "logging", "website", "referer", "lifecycle", "img", "style",
      "styleName", "replication", "replicationProgress", "replicationLocation", "cname", "comp",
      "qos", "qosInfo", "live", "status", "vod", "startTime", "endTime", "processConfiguration",
      "udf", "udfName", "udfImage", "udfImageDesc", "udfApplication", "udfApplicationLog",
      "encryption", "policy", "requestPayment", "asyncFetch", "inventory", "inventoryId", "worm",
      "wormId", "wormExtend", "transferAcceleration", "metaQuery", "httpsConfig",
      "publicAccessBlock", "policyStatus", "accessPoint", "objectWorm", "bucketArchiveDirectRead",
      "responseHeader", "userDefinedLogFieldsConfig", "redundancyTransition", "dataaccesstrace");

  private SubResources() {}

  static boolean isSigned(String name) {
    return NAMES.contains(name) || name.startsWith("x-oss-");
  }
}
