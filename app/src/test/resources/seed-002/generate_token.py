# The token algorithm of the symmetric-key walkthrough (seed 002), restated for the tests: sign
# quote_plus(uri) + "\n" + expiry with HMAC-SHA256 under the base64-decoded key, then urlencode
# sr, sig, se (and skn when a policy is named) in that order. Like the walkthrough's script, it
# prints the string it signs before the token.
import base64
import hashlib
import hmac
from time import time
from urllib.parse import quote_plus, urlencode


def token(resource, device_key, policy_name, lifetime=3600):
    expires = int(time() + lifetime)
    to_sign = "%s\n%d" % (quote_plus(resource), expires)
    print(to_sign)
    digest = hmac.new(base64.b64decode(device_key), to_sign.encode("utf-8"), hashlib.sha256).digest()
    fields = {"sr": resource, "sig": base64.b64encode(digest), "se": str(expires)}
    if policy_name is not None:
        fields["skn"] = policy_name
    return "SharedAccessSignature " + urlencode(fields)


uri = '[resource_uri]'
key = '[device_key]'
expiry = [expiry_in_seconds]
policy= '[policy]'

print(token(uri, key, policy, expiry))
