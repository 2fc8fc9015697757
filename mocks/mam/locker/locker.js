// The Locker app's check-out screen, as a web page served by the MAM simulator.
// It asks for the camera, captures one frame, sends it to the cloud platform for
// verification, and offers the other methods of the user's policy when face
// recognition is unavailable or fails.
'use strict';

const config = JSON.parse(document.getElementById('locker-config').textContent);
// Frames go to the cloud as small square binary greymaps (PGM): the matcher reads
// grey levels only, and a few KB raw cost the cloud less than inflating a PNG would.
const FRAME_SIZE = config.frameSize;
const FRAME_TYPE = 'image/x-portable-graymap';
const CLOUD_TIMEOUT_MS = 8000;

const el = {
  greeting: document.getElementById('greeting'),
  status: document.getElementById('status'),
  message: document.getElementById('message'),
  methods: document.getElementById('methods'),
  camera: document.getElementById('camera'),
  form: document.getElementById('secret-form'),
  label: document.getElementById('secret-label'),
  secret: document.getElementById('secret'),
};

const METHOD_LABELS = { password: 'Use password', pin: 'Use PIN' };
let pendingSecret = null;

async function callMam(path, body) {
  const response = await fetch(path, {
    method: body ? 'POST' : 'GET',
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await response.json();
  if (!response.ok)
    throw new Error(json.error ? json.error.message : `MAM answered ${response.status}`);
  return json;
}

function setStatus(state, text) {
  el.status.dataset.state = state;
  el.status.textContent = text;
}

function setMessage(text, reason) {
  el.message.textContent = text || '';
  if (reason) el.message.dataset.reason = reason;
  else delete el.message.dataset.reason;
}

function offerMethods(session, { retryFace }) {
  el.methods.replaceChildren();
  if (retryFace) addButton('Try face again', () => startFace(session));
  for (const method of session.fallbackMethods) {
    addButton(METHOD_LABELS[method], () => askSecret(session, method));
  }
}

function addButton(label, onClick) {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = label;
  button.addEventListener('click', onClick);
  el.methods.append(button);
}

function askSecret(session, kind) {
  pendingSecret = { session, kind };
  el.label.textContent = kind === 'pin' ? 'PIN' : 'Password';
  el.secret.value = '';
  el.form.hidden = false;
  el.secret.focus();
}

el.form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const { session, kind, secondFactor } = pendingSecret;
  const secret = el.secret.value;
  el.form.hidden = true;
  setStatus('working', 'Checking…');
  try {
    const next = secondFactor
      ? await callMam(`/api/v1/sessions/${session.sessionId}/second-factor`, { pin: secret })
      : await callMam(`/api/v1/sessions/${session.sessionId}/fallback`, { method: kind, secret });
    show(next);
    if (next.status === session.status)
      setMessage(
        kind === 'pin' ? 'Wrong PIN. Try again.' : 'Wrong password. Try again.',
        `${kind}_rejected`,
      );
  } catch (error) {
    setStatus('error', `Something went wrong: ${error.message}`);
  }
});

function show(session) {
  el.greeting.textContent = `Hello, ${session.displayName}`;
  el.camera.hidden = true;
  if (session.status === 'checked_out') {
    el.methods.replaceChildren();
    setMessage('');
    setStatus('checked-out', 'This phone is checked out to you.');
    return;
  }
  if (session.status === 'awaiting_second_factor') {
    setStatus('second-factor', 'Face recognised. Enter your PIN to finish.');
    el.methods.replaceChildren();
    askSecret(session, 'pin');
    pendingSecret.secondFactor = true;
    return;
  }
  if (session.status === 'awaiting_fallback') {
    setStatus('unavailable', 'Face recognition is not available.');
    setMessage(session.face.message, session.face.reason);
    offerMethods(session, { retryFace: false });
    return;
  }
  if (session.status === 'awaiting_consent') {
    askConsent(session);
    return;
  }
  if (session.status === 'awaiting_face' && session.faceAttempts === 0) {
    startFace(session);
  }
}

// CO-12: a first enrolment only with explicit consent; a refusal sends nothing.
function askConsent(session) {
  setStatus('consent', 'Set up face recognition?');
  setMessage(session.face.consentText, 'consent');
  el.methods.replaceChildren();
  addButton('I agree', () => enrol(session));
  addButton('No thanks', async () =>
    show(await callMam(`/api/v1/sessions/${session.sessionId}/enrolment`, { consent: false })),
  );
}

async function enrol(session) {
  const image = await takePicture(session);
  if (!image) return;
  setStatus('verifying', 'Saving your face template…');
  const next = await callMam(`/api/v1/sessions/${session.sessionId}/enrolment`, {
    consent: true,
    image: asDataUrl(image),
  });
  if (next.status === 'awaiting_face') return startFace(next);
  show(next);
}

async function reportUnavailable(session, reason) {
  show(await callMam(`/api/v1/sessions/${session.sessionId}/face-unavailable`, { reason }));
}

const FIRST_FRAME_TIMEOUT_MS = 3000;

/**
 * Opens the camera and waits for its first frame. A track that ends first (access
 * revoked while the camera was opening) counts as a denied camera.
 */
async function openCamera() {
  const stream = await navigator.mediaDevices.getUserMedia({
    video: { width: 240, height: 240 },
    audio: false,
  });
  const [track] = stream.getVideoTracks();
  el.camera.srcObject = stream;
  el.camera.hidden = false;
  await new Promise((resolve, reject) => {
    const fail = () =>
      reject(new DOMException('The camera stopped before a picture was taken', 'NotAllowedError'));
    track.addEventListener('ended', fail, { once: true });
    setTimeout(fail, FIRST_FRAME_TIMEOUT_MS);
    el.camera
      .play()
      .then(
        () =>
          el.camera.requestVideoFrameCallback(() =>
            track.readyState === 'live' ? resolve() : fail(),
          ),
        fail,
      );
  });
  return stream;
}

/** One camera frame as a binary greymap, grey by the BT.601 luma weights the cloud uses. */
function captureFrame() {
  const canvas = document.createElement('canvas');
  canvas.width = FRAME_SIZE;
  canvas.height = FRAME_SIZE;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  context.imageSmoothingQuality = 'high';
  context.drawImage(el.camera, 0, 0, FRAME_SIZE, FRAME_SIZE);
  const { data } = context.getImageData(0, 0, FRAME_SIZE, FRAME_SIZE);
  const header = new TextEncoder().encode(`P5\n${FRAME_SIZE} ${FRAME_SIZE}\n255\n`);
  const frame = new Uint8Array(header.length + FRAME_SIZE * FRAME_SIZE);
  frame.set(header);
  for (let p = header.length, i = 0; p < frame.length; p++, i += 4) {
    frame[p] = Math.round(0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2]);
  }
  return frame;
}

/** A frame inside JSON, for the enrolment the MAM relays to the cloud. */
function asDataUrl(frame) {
  let binary = '';
  for (let i = 0; i < frame.length; i += 0x8000) {
    binary += String.fromCharCode(...frame.subarray(i, i + 0x8000));
  }
  return `data:${FRAME_TYPE};base64,${btoa(binary)}`;
}

/** One picture from the camera, or nothing when the camera was denied (and reported). */
async function takePicture(session) {
  setMessage('');
  el.form.hidden = true;
  el.methods.replaceChildren();
  setStatus('capturing', 'Look at the camera.');

  let stream;
  try {
    stream = await openCamera();
  } catch (error) {
    // NotAllowedError: the user or the device policy denied the camera.
    if (!config.faults.includes('locker-ignores-camera-denial')) {
      await reportUnavailable(session, 'camera_denied');
      return undefined;
    }
  }
  const image = captureFrame();
  if (stream) stream.getTracks().forEach((track) => track.stop());
  return image;
}

async function startFace(session) {
  const image = await takePicture(session);
  if (!image) return;

  setStatus('verifying', 'Checking your face…');
  let answer;
  try {
    const response = await fetch(`${config.cloudUrl}/api/v1/face/verify`, {
      method: 'POST',
      headers: { 'content-type': FRAME_TYPE, 'x-face-ticket': session.face.ticket },
      body: image,
      signal: AbortSignal.timeout(CLOUD_TIMEOUT_MS),
    });
    // A server error means the cloud cannot verify now: as good as unreachable.
    if (response.status >= 500) {
      throw new DOMException(`cloud answered ${response.status}`, 'CloudUnavailableError');
    }
    answer = await response.json();
    if (!response.ok)
      throw new Error(answer.error ? answer.error.message : `cloud answered ${response.status}`);
  } catch (error) {
    const unreachable =
      error instanceof TypeError ||
      error.name === 'TimeoutError' ||
      error.name === 'CloudUnavailableError';
    if (unreachable && !config.faults.includes('locker-hides-cloud-error'))
      return reportUnavailable(session, 'cloud_unreachable');
    setStatus('error', `Face verification failed: ${error.message}`);
    return;
  }

  const next = await callMam(`/api/v1/sessions/${session.sessionId}/face`, {
    verificationId: answer.verificationId,
  });
  if (next.status === 'awaiting_face') {
    setStatus('face-failed', 'Face recognition did not succeed.');
    setMessage(next.lastResult.message, `face_${next.lastResult.result}`);
    offerMethods(next, { retryFace: true });
    el.camera.hidden = true;
    return;
  }
  show(next);
}

callMam(`/api/v1/devices/${config.deviceId}/session`)
  .then(show)
  .catch((error) => setStatus('error', `No check-out in progress: ${error.message}`));
