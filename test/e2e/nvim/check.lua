-- Neovim as an LSP client of the Concordance language server, headless and without any user
-- configuration: opens a bill, starts the server over stdio with the built-in client
-- (vim.lsp.start_client + vim.lsp.buf_attach_client, which Neovim 0.7 has; 0.7 is a push client),
-- waits for the diagnostics it publishes, writes them as JSON and quits.
--
--   CONCORDANCE_BILL=FILE CONCORDANCE_OUT=FILE [CONCORDANCE_SERVER=bin/concordance-language-server.js]
--   [CONCORDANCE_NODE=node] [CONCORDANCE_TIMEOUT=60000] \
--   nvim --headless -u NONE -i NONE -n -c 'luafile test/e2e/nvim/check.lua'
--
-- Run by test/e2e/nvim.e2e.test.ts. The output is {"nvim": version, "client": bool, "diagnostics":
-- [{lnum, col, end_lnum, end_col, severity, message, source, code}], "error": string|null}.
local out = assert(os.getenv('CONCORDANCE_OUT'), 'CONCORDANCE_OUT is not set')
local result = { diagnostics = {}, error = vim.NIL, client = false }

local function finish()
  local file = assert(io.open(out, 'w'))
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd('qall!')
end

local ok, err = pcall(function()
  local bill = assert(os.getenv('CONCORDANCE_BILL'), 'CONCORDANCE_BILL is not set')
  local server = os.getenv('CONCORDANCE_SERVER') or 'bin/concordance-language-server.js'
  local node = os.getenv('CONCORDANCE_NODE') or 'node'
  local timeout = tonumber(os.getenv('CONCORDANCE_TIMEOUT') or '60000')
  local v = vim.version()
  result.nvim = string.format('%d.%d.%d', v.major, v.minor, v.patch)

  vim.cmd('edit ' .. vim.fn.fnameescape(bill))
  local bufnr = vim.api.nvim_get_current_buf()
  -- -u NONE: no filetype detection, so say what the file is (the client sends it as languageId).
  vim.api.nvim_buf_set_option(bufnr, 'filetype', 'markdown')

  local exited = false
  local client_id = vim.lsp.start_client({
    name = 'concordance',
    cmd = { node, server, '--stdio' },
    root_dir = vim.fn.fnamemodify(bill, ':p:h'),
    settings = { concordance = { run = 'onType' } },
    on_exit = function(code, signal)
      exited = true
      if code ~= 0 then result.exit = { code = code, signal = signal } end
    end,
  })
  if not client_id then error('vim.lsp.start_client failed for ' .. server) end
  result.client = true
  if not vim.lsp.buf_attach_client(bufnr, client_id) then error('vim.lsp.buf_attach_client failed') end

  local got = vim.wait(timeout, function()
    return exited or #vim.diagnostic.get(bufnr) > 0
  end, 50)
  if not got then error('no diagnostics within ' .. timeout .. ' ms') end
  if exited then error('the language server exited before publishing diagnostics') end

  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    -- 0.7 keeps the LSP code in user_data.lsp; later versions also have d.code.
    local lsp = (d.user_data and d.user_data.lsp) or {}
    table.insert(result.diagnostics, {
      lnum = d.lnum,
      col = d.col,
      end_lnum = d.end_lnum,
      end_col = d.end_col,
      severity = d.severity,
      message = d.message,
      source = d.source,
      code = d.code or lsp.code,
    })
  end

  vim.lsp.stop_client(client_id)
  vim.wait(5000, function() return exited end, 50)
end)

if not ok then result.error = tostring(err) end
finish()
