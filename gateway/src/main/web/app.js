// The staff application's one enhancement: a document goes to the API as it is (its own type), with a
// progress bar, and type and size are checked before sending. Every other page works without script.
(function () {
  'use strict';
  var form = document.getElementById('upload-form');
  if (!form) {
    return;
  }
  var input = document.getElementById('document-file');
  var status = document.getElementById('upload-status');
  var bar = document.getElementById('upload-progress');
  var accepted = ['application/pdf', 'image/png', 'image/jpeg'];

  function say(text, isError) {
    status.textContent = text;
    status.className = isError ? 'alert alert-error' : '';
    if (isError) {
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    } else {
      input.removeAttribute('aria-invalid');
    }
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var file = input.files && input.files[0];
    if (!file) {
      input.focus();
      return;
    }
    if (accepted.indexOf(file.type) < 0) {
      say(form.dataset.msgType, true);
      return;
    }
    if (file.size > Number(form.dataset.maxBytes)) {
      say(form.dataset.msgSize, true);
      return;
    }
    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.getAttribute('action'));
    xhr.setRequestHeader('Content-Type', file.type);
    xhr.setRequestHeader('Content-Disposition', "attachment; filename*=UTF-8''" + encodeURIComponent(file.name));
    xhr.setRequestHeader('X-CSRF-Token', form.dataset.csrf);
    xhr.setRequestHeader('Accept', 'application/json');
    bar.hidden = false;
    bar.value = 0;
    say(form.dataset.msgProgress.replace('{0}', '0'), false);
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) {
        var percent = Math.round(e.loaded * 100 / e.total);
        bar.value = percent;
        status.textContent = form.dataset.msgProgress.replace('{0}', String(percent));
      }
    };
    xhr.onload = function () {
      if (xhr.status === 201) {
        window.location.assign(form.dataset.done);
        return;
      }
      bar.hidden = true;
      if (xhr.status === 413) {
        say(form.dataset.msgSize, true);
      } else if (xhr.status === 415) {
        say(form.dataset.msgType, true);
      } else {
        var detail = '';
        try {
          detail = JSON.parse(xhr.responseText).detail || '';
        } catch (ignored) {
          detail = '';
        }
        say(form.dataset.msgFailed + (detail ? ' ' + detail : ''), true);
      }
    };
    xhr.onerror = function () {
      bar.hidden = true;
      say(form.dataset.msgFailed, true);
    };
    xhr.send(file);
  });
}());
