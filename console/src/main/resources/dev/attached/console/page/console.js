// The console page: polls api/resources and updates the tables in place. Every text from the server is set as
// textContent, never parsed as HTML: locations and errors come from backing services.
'use strict';

(() => {
  const POLL_MILLIS = 2000;
  // Built from the origin, never from the URL as typed: fetch refuses a URL that holds credentials (user:pw@host).
  const base = new URL('.', location.origin + location.pathname);
  const rows = new Map(); // resource name -> its row's cells
  let serverTime = Date.now();
  let timer = null;
  let polling = false;
  let pollAgain = false;

  function byId(id) {
    return document.getElementById(id);
  }

  function element(tag, className, text) {
    const made = document.createElement(tag);
    if (className) {
      made.className = className;
    }
    if (text !== undefined && text !== null) {
      made.textContent = String(text);
    }
    return made;
  }

  function fill(cell, ...children) {
    sync(cell, children.filter((child) => child !== null));
  }

  // Makes parent's children equal to next, replacing only what differs: a text an operator is selecting (an error
  // to copy) stays while the ages around it change every poll.
  function sync(parent, next) {
    const current = Array.from(parent.childNodes);
    if (current.length !== next.length) {
      parent.replaceChildren(...next);
      return;
    }
    next.forEach((node, i) => {
      const old = current[i];
      if (old.isEqualNode(node)) {
        return;
      }
      if (sameElement(old, node)) {
        sync(old, Array.from(node.childNodes));
      } else {
        old.replaceWith(node);
      }
    });
  }

  function sameElement(a, b) {
    return a.nodeType === Node.ELEMENT_NODE && b.nodeType === Node.ELEMENT_NODE && a.tagName === b.tagName
      && a.attributes.length === b.attributes.length
      && Array.from(a.attributes).every((attribute) => b.getAttribute(attribute.name) === attribute.value);
  }

  function ago(iso) {
    const seconds = Math.max(0, Math.round((serverTime - Date.parse(iso)) / 1000));
    if (seconds < 2) {
      return 'just now';
    }
    if (seconds < 120) {
      return seconds + ' s ago';
    }
    if (seconds < 7200) {
      return Math.round(seconds / 60) + ' min ago';
    }
    if (seconds < 172800) {
      return Math.round(seconds / 3600) + ' h ago';
    }
    return Math.round(seconds / 86400) + ' d ago';
  }

  function when(iso, prefix) {
    const made = element('span', 'small', (prefix ? prefix + ' ' : '') + ago(iso));
    made.title = iso;
    return made;
  }

  function badge(label, className) {
    return element('span', 'badge ' + (className || label), label);
  }

  function millis(value) {
    return value < 1 ? '<1 ms' : value + ' ms';
  }

  // -- resources ------------------------------------------------------------------------------------------------

  const COLUMNS = ['name', 'state', 'generation', 'location', 'pool', 'readiness', 'last-swap', 'last-error', 'action'];

  function rowFor(name) {
    let cells = rows.get(name);
    if (!cells) {
      const row = element('tr');
      row.dataset.resource = name;
      cells = { row };
      for (const column of COLUMNS) {
        cells[column] = row.appendChild(element('td', column));
      }
      const button = element('button', 'refresh', 'Refresh');
      button.type = 'button';
      button.title = 'Re-read the configuration of ' + name + ' now (role attached-operator)';
      button.addEventListener('click', () => refresh(name, button));
      cells.action.appendChild(button);
      rows.set(name, cells);
    }
    return cells;
  }

  function renderResource(resource, tbody) {
    const cells = rowFor(resource.name);
    tbody.appendChild(cells.row); // keeps the server's order; moving a row keeps its button
    fill(cells.name, element('strong', null, resource.name), element('span', 'small kind', resource.kind));
    fill(cells.state, badge(resource.state), when(resource.since, 'since'));
    fill(cells.generation, document.createTextNode(resource.generation));
    fill(cells.location, resource.location ? element('span', 'location', resource.location)
      : element('span', 'muted', 'none'));
    renderPool(cells.pool, resource.usage);
    renderReadiness(cells.readiness, resource);
    renderLastSwap(cells['last-swap'], resource.lastSwap);
    renderLastError(cells['last-error'], resource);
  }

  function renderPool(cell, usage) {
    cell.classList.toggle('waiting', Boolean(usage && usage.waiting > 0));
    if (!usage) {
      fill(cell, element('span', 'muted', '—'));
      return;
    }
    fill(cell, element('span', null, usage.active + ' active · ' + usage.idle + ' idle'),
      element('span', 'small', 'max ' + usage.max + (usage.waiting > 0 ? ' · ' + usage.waiting + ' waiting' : '')));
  }

  function renderReadiness(cell, resource) {
    const probe = resource.readiness;
    if (!probe) {
      fill(cell, badge('no probe yet', 'NONE'));
      return;
    }
    const stale = probe.generation !== resource.generation ? ' · probe of gen. ' + probe.generation : '';
    fill(cell, badge(probe.up ? 'UP' : 'DOWN'), element('span', 'small', millis(probe.tookMillis) + stale),
      probe.error ? element('span', 'small error', probe.error) : null, when(probe.at));
  }

  function renderLastSwap(cell, swap) {
    if (!swap) {
      fill(cell, element('span', 'muted', '—'));
      return;
    }
    if (!swap.previousLocation) {
      fill(cell, element('span', null, 'attached, gen. ' + swap.generation), when(swap.at));
      return;
    }
    fill(cell, element('span', null, 'gen. ' + swap.generation), when(swap.at),
      element('span', 'small location', 'from ' + swap.previousLocation));
  }

  function renderLastError(cell, resource) {
    if (resource.lastError) {
      fill(cell, element('span', 'error', resource.lastError));
      return;
    }
    const failure = resource.lastFailure;
    if (failure) {
      fill(cell, element('span', 'muted', failure.error), when(failure.at, 'swap failed'));
      return;
    }
    fill(cell, element('span', 'muted', '—'));
  }

  // -- history --------------------------------------------------------------------------------------------------

  function detail(entry) {
    switch (entry.change) {
      case 'attached':
        return 'at ' + entry.location;
      case 'swapped':
        return entry.previousLocation + ' → ' + entry.location;
      case 'swap-failed':
        return entry.location + ': ' + entry.error;
      case 'detached':
        return 'was ' + entry.location;
      case 'drained':
        return entry.location + ' closed after ' + millis(entry.tookMillis);
      case 'cut':
        return entry.location + ' closed at its drain timeout, cutting ' + entry.cut + ' in use';
      default:
        return entry.location;
    }
  }

  function renderHistory(history, size) {
    sync(byId('history').tBodies[0], history.map((entry) => {
      const row = element('tr');
      row.dataset.resource = entry.resource;
      row.dataset.change = entry.change;
      const at = element('td', 'at', ago(entry.at));
      at.title = entry.at;
      row.append(at, element('td', 'resource', entry.resource));
      row.appendChild(element('td', 'change')).appendChild(badge(entry.change));
      row.append(element('td', 'generation', entry.generation), element('td', 'detail', detail(entry)));
      return row;
    }));
    byId('history-size').textContent = '(the last ' + size + ' changes)';
    byId('no-history').hidden = history.length > 0;
  }

  // -- polling and refresh --------------------------------------------------------------------------------------

  function render(snapshot) {
    serverTime = Date.parse(snapshot.time);
    const tbody = byId('resources').tBodies[0];
    const names = new Set(snapshot.resources.map((resource) => resource.name));
    for (const [name, cells] of rows) {
      if (!names.has(name)) {
        cells.row.remove();
        rows.delete(name);
      }
    }
    snapshot.resources.forEach((resource) => renderResource(resource, tbody));
    byId('no-resources').hidden = snapshot.resources.length > 0;
    renderHistory(snapshot.history, snapshot.historySize);
    const updated = byId('updated');
    updated.textContent = 'Live · updated ' + new Date(serverTime).toLocaleTimeString();
    updated.title = snapshot.time;
  }

  function refusal(status) {
    if (status === 401) {
      return 'sign in (401)';
    }
    if (status === 403) {
      return 'the role attached-operator is needed (403)';
    }
    return 'the application answered ' + status;
  }

  function showProblem(text) {
    const problem = byId('problem');
    problem.textContent = text;
    problem.hidden = !text;
  }

  // outcome: what the request got (ok, refused, failed); tone: how it looks.
  function notify(text, outcome, tone) {
    const notice = byId('notice');
    notice.textContent = text;
    notice.className = 'banner ' + tone;
    notice.dataset.outcome = outcome;
    notice.hidden = false;
  }

  function schedule(delay) {
    clearTimeout(timer);
    timer = setTimeout(poll, delay);
  }

  async function poll() {
    if (polling) {
      pollAgain = true;
      return;
    }
    polling = true;
    try {
      const response = await fetch(new URL('api/resources', base), {
        cache: 'no-store',
        credentials: 'same-origin',
        headers: { Accept: 'application/json' },
      });
      if (response.ok) {
        render(await response.json());
        showProblem('');
      } else {
        showProblem('The status is not shown: ' + refusal(response.status) + '.');
      }
    } catch (e) {
      showProblem('The application does not answer (' + e.message + '); trying again.');
    } finally {
      polling = false;
      schedule(pollAgain ? 0 : POLL_MILLIS);
      pollAgain = false;
    }
  }

  async function refresh(name, button) {
    button.disabled = true;
    try {
      const response = await fetch(new URL('api/resources/' + encodeURIComponent(name) + '/refresh', base), {
        method: 'POST',
        cache: 'no-store',
        credentials: 'same-origin',
        headers: { Accept: 'application/json', 'X-Requested-By': 'attached-console' },
      });
      if (response.ok) {
        const status = await response.json();
        const refreshed = name + ' refreshed: generation ' + status.generation + ', ' + status.state;
        if (status.lastError) {
          notify(refreshed + '; its configuration still fails: ' + status.lastError, 'ok', 'warning');
        } else {
          notify(refreshed, 'ok', 'ok');
        }
      } else {
        notify('Refresh of ' + name + ' refused: ' + refusal(response.status) + '.', 'refused', 'refused');
      }
    } catch (e) {
      notify('Refresh of ' + name + ' failed: ' + e.message, 'failed', 'refused');
    } finally {
      button.disabled = false;
      schedule(0);
    }
  }

  poll();
})();
