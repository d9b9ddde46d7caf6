package io.ccoin.node;
